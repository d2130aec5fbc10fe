package dev.panthera.agent.internal.persona;

import dev.panthera.agent.Persona;
import dev.panthera.agent.internal.AgentViewCache;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code personas} table: at most one persona per agent. */
@Repository
class PersonaRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final AgentViewCache views;

    PersonaRepository(JdbcClient jdbc, AgentViewCache views) {
        this.jdbc = jdbc;
        this.views = views;
    }

    Optional<Persona> find(UUID agentId) {
        return jdbc.sql("select name, description, traits, voice, knowledge_areas, behavioral_rules,"
                        + " example_interactions, source, updated_at from personas where agent_id = ?")
                .param(agentId)
                .query(PersonaRepository::map)
                .optional();
    }

    /** Creates or replaces the agent's persona. */
    void put(UUID agentId, Persona p, Instant now) {
        views.changed(null); // keyed by agent id, not NFT: drop every view (persona edits are rare)
        jdbc.sql("insert into personas (id, agent_id, name, description, traits, voice, knowledge_areas,"
                        + " behavioral_rules, example_interactions, source, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?::jsonb, ?, ?, ?)"
                        + " on conflict (agent_id) do update set name = excluded.name, description = excluded.description,"
                        + " traits = excluded.traits, voice = excluded.voice, knowledge_areas = excluded.knowledge_areas,"
                        + " behavioral_rules = excluded.behavioral_rules,"
                        + " example_interactions = excluded.example_interactions, source = excluded.source,"
                        + " updated_at = excluded.updated_at")
                .params(
                        UUID.randomUUID(),
                        agentId,
                        p.name(),
                        p.description(),
                        JSON.writeValueAsString(p.traits()),
                        JSON.writeValueAsString(p.voice()),
                        p.knowledgeAreas().toArray(String[]::new),
                        p.behavioralRules().toArray(String[]::new),
                        JSON.writeValueAsString(p.exampleInteractions()),
                        p.source(),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
    }

    boolean delete(UUID agentId) {
        views.changed(null);
        return jdbc.sql("delete from personas where agent_id = ?")
                        .param(agentId)
                        .update()
                == 1;
    }

    private static Persona map(ResultSet rs, int row) throws SQLException {
        return new Persona(
                rs.getString("name"),
                rs.getString("description"),
                JSON.readValue(rs.getString("traits"), new TypeReference<Map<String, Object>>() {}),
                JSON.readValue(rs.getString("voice"), new TypeReference<Map<String, String>>() {}),
                strings(rs.getArray("knowledge_areas")),
                strings(rs.getArray("behavioral_rules")),
                JSON.readValue(rs.getString("example_interactions"), new TypeReference<List<Map<String, String>>>() {}),
                rs.getString("source"),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
