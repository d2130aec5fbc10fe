package dev.panthera.agent.internal.persona;

import dev.panthera.agent.Persona;
import dev.panthera.shared.PantheraException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** An agent's persona: read, replace (validated), import from ElizaOS, remove. */
@Service
public class PersonaService {

    /** An imported persona, and what had to be cut or skipped to import it. */
    public record Imported(Persona persona, List<String> warnings) {}

    private final PersonaRepository personas;
    private final Clock clock;

    PersonaService(PersonaRepository personas, Clock clock) {
        this.personas = personas;
        this.clock = clock;
    }

    public Optional<Persona> find(UUID agentId) {
        return personas.find(agentId);
    }

    /** Replaces the agent's persona; {@code VALIDATION_FAILED} naming every field over its limit. */
    public Persona put(UUID agentId, Persona persona) {
        List<String> problems = PersonaLimits.problems(persona);
        if (!problems.isEmpty()) {
            throw PantheraException.validation(String.join("; ", problems));
        }
        return store(agentId, persona, "manual");
    }

    /** Imports an ElizaOS character, cut to the persona limits (each cut reported). */
    public Imported importEliza(UUID agentId, JsonNode character) {
        List<String> warnings = new ArrayList<>();
        Persona persona = PersonaLimits.fit(ElizaCharacters.toPersona(character, warnings), warnings);
        List<String> problems = PersonaLimits.problems(persona);
        if (!problems.isEmpty()) {
            throw PantheraException.validation(String.join("; ", problems));
        }
        return new Imported(
                store(agentId, persona, "eliza"), warnings.stream().distinct().toList());
    }

    public boolean delete(UUID agentId) {
        return personas.delete(agentId);
    }

    private Persona store(UUID agentId, Persona p, String source) {
        var now = clock.instant();
        Persona stored = new Persona(
                p.name().strip(),
                p.description().strip(),
                p.traits(),
                p.voice(),
                p.knowledgeAreas(),
                p.behavioralRules(),
                p.exampleInteractions(),
                source,
                now);
        personas.put(agentId, stored, now);
        return stored;
    }
}
