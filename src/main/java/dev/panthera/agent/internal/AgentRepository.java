package dev.panthera.agent.internal;

import dev.panthera.agent.AgentConfig;
import dev.panthera.agent.AgentDeployment;
import dev.panthera.agent.AgentStatus;
import dev.panthera.ownership.NftId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code agents} table. Settings live in jsonb columns written by {@link AgentJson}. */
@Repository
class AgentRepository {

    private static final String COLUMNS = "id, collection, token_id, owner_address, agent_type, name, description,"
            + " configuration, permissions, deployment, metadata_config, overrides, votes_received, rewards_earned,"
            + " tasks_completed, rating, status, version, metadata_uri, metadata_fetched_at, metadata_error,"
            + " metadata_error_at, minted_at, last_active, created_at, updated_at";

    private final JdbcClient jdbc;
    private final AgentViewCache views;

    AgentRepository(JdbcClient jdbc, AgentViewCache views) {
        this.jdbc = jdbc;
        this.views = views;
    }

    Optional<AgentRecord> find(NftId nft) {
        return select("", nft);
    }

    /** The row, locked until the transaction ends: changes that bump the version go one at a time. */
    Optional<AgentRecord> lock(NftId nft) {
        return select(" for update", nft);
    }

    /** Inserts the agent unless the NFT already has one (a concurrent first access); true when inserted. */
    boolean insert(AgentRecord a) {
        AgentSettings s = a.settings();
        return jdbc.sql("insert into agents (id, collection, token_id, owner_address, agent_type, name, description,"
                                + " configuration, permissions, deployment, metadata_config, overrides, status, version,"
                                + " metadata_uri, metadata_fetched_at, metadata_error, metadata_error_at, minted_at,"
                                + " created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb,"
                                + " ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (collection, token_id) do nothing")
                        .params(
                                a.id(),
                                a.nft().collection(),
                                a.nft().tokenId(),
                                a.ownerAddress(),
                                s.agentType(),
                                s.name(),
                                s.description(),
                                AgentJson.write(s.config()),
                                s.permissions().toArray(String[]::new),
                                AgentJson.write(s.deployment()),
                                json(a.metadataSettings()),
                                AgentJson.write(a.overrides()),
                                a.status().id(),
                                a.version(),
                                a.metadataUri(),
                                ts(a.metadataFetchedAt()),
                                a.metadataError(),
                                ts(a.metadataErrorAt()),
                                ts(a.mintedAt()),
                                ts(a.createdAt()),
                                ts(a.updatedAt()))
                        .update()
                == 1;
    }

    /** New effective settings, metadata and overrides at a version. */
    void saveSettings(UUID id, AgentSettings s, AgentSettings metadata, Overrides overrides, int version, Instant now) {
        views.changed(null); // by id: rare writes, so every view goes
        jdbc.sql(
                        "update agents set agent_type = ?, name = ?, description = ?, configuration = ?::jsonb, permissions = ?,"
                                + " deployment = ?::jsonb, metadata_config = ?::jsonb, overrides = ?::jsonb, version = ?,"
                                + " updated_at = ? where id = ?")
                .params(
                        s.agentType(),
                        s.name(),
                        s.description(),
                        AgentJson.write(s.config()),
                        s.permissions().toArray(String[]::new),
                        AgentJson.write(s.deployment()),
                        json(metadata),
                        AgentJson.write(overrides),
                        version,
                        ts(now),
                        id)
                .update();
    }

    void saveOwner(UUID id, String owner, int version, Instant now) {
        views.changed(null); // by id: rare writes, so every view goes
        jdbc.sql("update agents set owner_address = ?, version = ?, updated_at = ? where id = ?")
                .params(owner, version, ts(now), id)
                .update();
    }

    void saveStatus(UUID id, AgentStatus status, Instant now) {
        views.changed(null); // by id: rare writes, so every view goes
        jdbc.sql("update agents set status = ?, updated_at = ? where id = ?")
                .params(status.id(), ts(now), id)
                .update();
    }

    /** A load succeeded: the error, if any, is history. */
    void metadataLoaded(UUID id, String uri, Instant now) {
        views.changed(null); // by id: rare writes, so every view goes
        jdbc.sql("update agents set metadata_uri = ?, metadata_fetched_at = ?, metadata_error = null,"
                        + " metadata_error_at = null, updated_at = ? where id = ?")
                .params(uri, ts(now), ts(now), id)
                .update();
    }

    /** A load failed: the settings stay as they were, the error is recorded. */
    void metadataFailed(UUID id, String uri, String error, Instant now) {
        views.changed(null); // by id: rare writes, so every view goes
        jdbc.sql("update agents set metadata_uri = ?, metadata_error = ?, metadata_error_at = ?, updated_at = ?"
                        + " where id = ?")
                .params(uri, error, ts(now), ts(now), id)
                .update();
    }

    /** Applies a counter update ({@code set ...} clause) to the NFT's agent; false when it has none yet. */
    boolean count(NftId nft, String set, Object... params) {
        views.changed(nft);
        Object[] all = new Object[params.length + 2];
        System.arraycopy(params, 0, all, 0, params.length);
        all[params.length] = nft.collection();
        all[params.length + 1] = nft.tokenId();
        return jdbc.sql("update agents set " + set + " where collection = ? and token_id = ?")
                        .params(all)
                        .update()
                == 1;
    }

    private Optional<AgentRecord> select(String suffix, NftId nft) {
        return jdbc.sql("select " + COLUMNS + " from agents where collection = ? and token_id = ?" + suffix)
                .params(nft.collection(), nft.tokenId())
                .query(AgentRepository::map)
                .optional();
    }

    private static AgentRecord map(ResultSet rs, int row) throws SQLException {
        NftId nft = new NftId(rs.getString("collection"), rs.getString("token_id"));
        AgentSettings settings = new AgentSettings(
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("agent_type"),
                strings(rs.getArray("permissions")),
                AgentJson.read(rs.getString("configuration"), AgentConfig.class),
                AgentJson.read(rs.getString("deployment"), AgentDeployment.class));
        return new AgentRecord(
                rs.getObject("id", UUID.class),
                nft,
                rs.getString("owner_address"),
                settings,
                AgentJson.read(rs.getString("metadata_config"), AgentSettings.class),
                AgentJson.read(rs.getString("overrides"), Overrides.class),
                rs.getLong("votes_received"),
                rs.getBigDecimal("rewards_earned").stripTrailingZeros(),
                rs.getLong("tasks_completed"),
                rs.getObject("rating", Double.class),
                AgentStatus.fromId(rs.getString("status")),
                rs.getInt("version"),
                rs.getString("metadata_uri"),
                instant(rs.getTimestamp("metadata_fetched_at")),
                rs.getString("metadata_error"),
                instant(rs.getTimestamp("metadata_error_at")),
                instant(rs.getTimestamp("minted_at")),
                instant(rs.getTimestamp("last_active")),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static String json(Object value) {
        return value == null ? null : AgentJson.write(value);
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
