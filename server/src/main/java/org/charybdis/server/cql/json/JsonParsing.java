package org.charybdis.server.cql.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.charybdis.cql.exceptions.InvalidRequestException;

import java.util.Map;

/**
 * JSON text to plain Java values (maps, lists, strings, Integer/Long/BigInteger, Double, Boolean, null)
 * with Jackson's defaults, which is what Cassandra decodes; its errors name those Java classes.
 */
public final class JsonParsing {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonParsing() {}

    /** The object of an {@code INSERT JSON}; null when the text is {@code null}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String text) {
        try {
            return MAPPER.readValue(text, Map.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("Could not decode JSON string as a map: " + e + ". (String was: " + text + ")");
        }
    }

    /** Any JSON value; throws the exception as Jackson reports it. */
    public static Object value(String text) throws JsonProcessingException {
        return MAPPER.readValue(text, Object.class);
    }
}
