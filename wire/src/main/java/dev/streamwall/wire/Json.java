package dev.streamwall.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON mapping of the suite's wire records: snake_case names, public fields, strict
 * scalars.
 */
public final class Json {

    /**
     * Reads NaN and Infinity so that validation can name them (instead of a generic parse error),
     * never coerces strings to numbers, and ignores unknown properties so producers can add fields.
     */
    public static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    // Jackson's own port of FastDoubleParser: the same, correctly rounded
                    // doubles as Double.parseDouble, several times faster (the decoders'
                    // largest cost after the parser's scanning).
                    .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                    .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                    .disable(MapperFeature.AUTO_DETECT_GETTERS)
                    .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                    .serializationInclusion(JsonInclude.Include.NON_NULL)
                    .build();

    private Json() {}

    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(
                    "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static String toString(Object value) {
        return new String(toBytes(value), StandardCharsets.UTF_8);
    }
}
