package dev.panthera.agent.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for jsonb columns: snake_case like the API, nulls left out, map keys sorted. Sorting
 * matters: PostgreSQL's jsonb does not keep key order, and settings are compared as text to decide
 * whether a change is a new version.
 */
final class AgentJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private AgentJson() {}

    static String write(Object value) {
        return JSON.writeValueAsString(value);
    }

    static <T> T read(String json, Class<T> type) {
        return json == null ? null : JSON.readValue(json, type);
    }
}
