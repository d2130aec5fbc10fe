package dev.panthera.agent.internal;

import dev.panthera.agent.AgentConfig;
import dev.panthera.agent.AgentConfigVersion;
import dev.panthera.agent.AgentDeployment;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code agent_config_versions} table: the settings after every change, newest first. */
@Repository
class ConfigHistory {

    /** Why a version exists. */
    enum Source {
        DEFAULT,
        METADATA,
        OWNER,
        TRANSFER;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final JdbcClient jdbc;

    ConfigHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(
            UUID agentId, int version, AgentSettings s, String owner, Source source, String changedBy, Instant now) {
        jdbc.sql(
                        "insert into agent_config_versions (agent_id, version, configuration, deployment, name, description,"
                                + " owner_address, source, changed_by, created_at) values (?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?)")
                .params(
                        agentId,
                        version,
                        AgentJson.write(s.config()),
                        AgentJson.write(s.deployment()),
                        s.name(),
                        s.description(),
                        owner,
                        source.id(),
                        changedBy,
                        AgentRepository.ts(now))
                .update();
    }

    List<AgentConfigVersion> list(UUID agentId, int limit, int offset) {
        return jdbc.sql("select version, configuration, deployment, name, description, owner_address, source,"
                        + " changed_by, created_at from agent_config_versions where agent_id = ?"
                        + " order by version desc limit ? offset ?")
                .params(agentId, limit, offset)
                .query((rs, row) -> new AgentConfigVersion(
                        rs.getInt("version"),
                        AgentJson.read(rs.getString("configuration"), AgentConfig.class),
                        AgentJson.read(rs.getString("deployment"), AgentDeployment.class),
                        rs.getString("name"),
                        rs.getString("description"),
                        rs.getString("owner_address"),
                        rs.getString("source"),
                        rs.getString("changed_by"),
                        AgentRepository.instant(rs.getTimestamp("created_at"))))
                .list();
    }
}
