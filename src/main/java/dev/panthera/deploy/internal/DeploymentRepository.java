package dev.panthera.deploy.internal;

import dev.panthera.deploy.DeploymentState;
import dev.panthera.deploy.spi.ProviderDeployment;
import dev.panthera.deploy.spi.Resources;
import dev.panthera.ownership.NftId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code deployments} and {@code deployment_events} tables. Status moves only via {@link #moveStatus}. */
@Repository
class DeploymentRepository {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String COLUMNS =
            "id, collection, nft_token_id, owner_address, deployment_id, status, provider,"
                    + " endpoint_url, resources::text as resources, created_at, updated_at, last_health_check, error_message,"
                    + " provider_details::text as provider_details, health::text as health, started_at, restart_count,"
                    + " requested_by";

    private final JdbcClient jdbc;

    DeploymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a pending deployment; the partial unique index refuses a second active one per NFT. */
    void insert(DeploymentRecord d) {
        jdbc.sql("insert into deployments (id, collection, nft_token_id, owner_address, status, provider, resources,"
                        + " created_at, updated_at, requested_by) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)")
                .params(
                        d.id(),
                        d.nft().collection(),
                        d.nft().tokenId(),
                        d.ownerAddress(),
                        d.status().id(),
                        d.provider(),
                        resourcesJson(d.resources()),
                        ts(d.createdAt()),
                        ts(d.updatedAt()),
                        d.requestedBy())
                .update();
    }

    /** The pending row and its {@code created} event, together. */
    @Transactional
    void insertCreated(DeploymentRecord d) {
        insert(d);
        insertEvent(
                d.id(),
                "created",
                null,
                d.status(),
                Map.of("provider", d.provider(), "requested_by", d.requestedBy()),
                d.createdAt());
    }

    Optional<DeploymentRecord> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from deployments where id = ?")
                .param(id)
                .query(DeploymentRepository::map)
                .optional();
    }

    Optional<DeploymentRecord> findActive(NftId nft) {
        return jdbc.sql("select " + COLUMNS + " from deployments where collection = ? and nft_token_id = ?"
                        + " and status not in ('stopped', 'failed')")
                .params(nft.collection(), nft.tokenId())
                .query(DeploymentRepository::map)
                .optional();
    }

    List<DeploymentRecord> list(String owner, DeploymentState status, String provider, int limit, int offset) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from deployments where lower(owner_address) = ?");
        List<Object> params = new ArrayList<>(List.of(owner.toLowerCase(java.util.Locale.ROOT)));
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status.id());
        }
        if (provider != null) {
            sql.append(" and provider = ?");
            params.add(provider);
        }
        sql.append(" order by created_at desc, id limit ? offset ?");
        params.add(limit);
        params.add(offset);
        return jdbc.sql(sql.toString())
                .params(params)
                .query(DeploymentRepository::map)
                .list();
    }

    List<DeploymentRecord> inStates(Collection<DeploymentState> states) {
        return jdbc.sql("select " + COLUMNS + " from deployments where status in (:states)")
                .param("states", states.stream().map(DeploymentState::id).toList())
                .query(DeploymentRepository::map)
                .list();
    }

    /** Stopped or failed deployments the provider had assigned a workload, ended since {@code since}. */
    List<DeploymentRecord> endedSince(Instant since) {
        return jdbc.sql("select " + COLUMNS + " from deployments where status in ('stopped', 'failed')"
                        + " and deployment_id is not null and updated_at >= ?")
                .param(ts(since))
                .query(DeploymentRepository::map)
                .list();
    }

    /**
     * Compare-and-set of the status: true when the row was in {@code from}. Entering running stamps
     * {@code started_at}; failing records the error.
     */
    boolean moveStatus(UUID id, DeploymentState from, DeploymentState to, String error, Instant now) {
        return jdbc.sql("update deployments set status = ?, updated_at = ?,"
                                + " started_at = case when ? then ? else started_at end,"
                                + " error_message = coalesce(?, error_message)"
                                + " where id = ? and status = ?")
                        .params(to.id(), ts(now), to == DeploymentState.RUNNING, ts(now), error, id, from.id())
                        .update()
                == 1;
    }

    void insertEvent(
            UUID deploymentId,
            String type,
            DeploymentState from,
            DeploymentState to,
            Map<String, ?> data,
            Instant now) {
        jdbc.sql("insert into deployment_events (id, deployment_id, event_type, old_status, new_status, event_data,"
                        + " created_at) values (?, ?, ?, ?, ?, ?::jsonb, ?)")
                .params(
                        UUID.randomUUID(),
                        deploymentId,
                        type,
                        from == null ? null : from.id(),
                        to == null ? null : to.id(),
                        JSON.writeValueAsString(data == null ? Map.of() : data),
                        ts(now))
                .update();
    }

    /** Keeps what the provider assigned. */
    void storeProvider(UUID id, ProviderDeployment assigned, Instant now) {
        jdbc.sql("update deployments set deployment_id = ?, endpoint_url = coalesce(?, endpoint_url),"
                        + " provider_details = ?::jsonb, updated_at = ? where id = ?")
                .params(
                        assigned.providerId(),
                        assigned.endpointUrl(),
                        JSON.writeValueAsString(assigned.details()),
                        ts(now),
                        id)
                .update();
    }

    /** Adds what the provider reported later (e.g. an attestation) to the stored details. */
    void mergeDetails(UUID id, Map<String, String> details) {
        jdbc.sql("update deployments set provider_details = coalesce(provider_details, '{}'::jsonb) || ?::jsonb"
                        + " where id = ?")
                .params(JSON.writeValueAsString(details), id)
                .update();
    }

    void storeEndpoint(UUID id, String endpointUrl) {
        jdbc.sql("update deployments set endpoint_url = ? where id = ?")
                .params(endpointUrl, id)
                .update();
    }

    void storeHealth(UUID id, String healthJson, Instant checkedAt) {
        jdbc.sql("update deployments set health = ?::jsonb, last_health_check = ? where id = ?")
                .params(healthJson, ts(checkedAt), id)
                .update();
    }

    /** Counts a restart if fewer than {@code max} were made; the new count, or empty at the limit. */
    Optional<Integer> countRestart(UUID id, int max) {
        return jdbc.sql("update deployments set restart_count = restart_count + 1 where id = ? and restart_count < ?"
                        + " returning restart_count")
                .params(id, max)
                .query(Integer.class)
                .optional();
    }

    /** The event types in the order they were written. */
    List<String> eventTypes(UUID deploymentId) {
        return jdbc.sql("select event_type from deployment_events where deployment_id = ? order by seq")
                .param(deploymentId)
                .query(String.class)
                .list();
    }

    static String resourcesJson(Resources r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", r.cpu());
        m.put("memory_gb", r.memoryGb());
        m.put("gpu", r.gpu());
        m.put("disk_gb", r.diskGb());
        return JSON.writeValueAsString(m);
    }

    static Resources resources(String json) {
        Map<String, Number> m = JSON.readValue(json, new TypeReference<Map<String, Number>>() {});
        return new Resources(
                m.get("cpu").doubleValue(),
                m.get("memory_gb").doubleValue(),
                m.get("gpu").intValue(),
                m.get("disk_gb").doubleValue());
    }

    private static DeploymentRecord map(ResultSet rs, int n) throws SQLException {
        String details = rs.getString("provider_details");
        return new DeploymentRecord(
                rs.getObject("id", UUID.class),
                new NftId(rs.getString("collection"), rs.getString("nft_token_id")),
                rs.getString("owner_address"),
                rs.getString("deployment_id"),
                DeploymentState.fromId(rs.getString("status")),
                rs.getString("provider"),
                rs.getString("endpoint_url"),
                resources(rs.getString("resources")),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("last_health_check")),
                rs.getString("error_message"),
                details == null ? Map.of() : JSON.readValue(details, new TypeReference<Map<String, String>>() {}),
                rs.getString("health"),
                instant(rs.getTimestamp("started_at")),
                rs.getInt("restart_count"),
                rs.getString("requested_by"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
