package dev.streamwall.common.decode;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.streamwall.wire.Json;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes JSON into a public-field POJO in three checked steps: well-formed JSON, required fields
 * present, fields of the right type; then a job-specific {@link Validator} checks values. A record
 * that is plainly right, as nearly all are, is read in one streaming pass instead ({@link
 * FlatRecordReader}, about twice as fast); any other goes through the checked steps, so the result,
 * and the reason of a rejection, are the same either way.
 */
public abstract class JsonRecordDecoder<T> implements RecordDecoder<T> {
    private static final long serialVersionUID = 1L;

    /** Checks a decoded record's values (ranges, finiteness, known keys). */
    @FunctionalInterface
    public interface Validator<T> extends java.io.Serializable {
        void validate(T record) throws RejectedRecordException;
    }

    /** Jackson's reader, refusing anything after the one JSON value a record holds. */
    private static final ObjectReader STRICT =
            Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The longest text field a record may carry: ids, names and codes are far shorter. */
    public static final int MAX_TEXT_CHARS = 1_000;

    private final Class<T> type;
    private final List<String> requiredFields;
    private final Set<String> numericFields;
    private final Validator<T> validator;

    protected JsonRecordDecoder(
            Class<T> type, List<String> requiredFields, Validator<T> validator) {
        this.type = type;
        this.requiredFields = List.copyOf(requiredFields);
        this.numericFields = numericFields(type);
        this.validator = validator;
    }

    @Override
    public T decode(byte[] payload) throws RejectedRecordException {
        T record = fast().bind(payload);
        if (record == null) {
            return decodeChecked(payload);
        }
        validator.validate(record);
        return record;
    }

    private transient FlatRecordReader<T> fast;

    /**
     * Whether plain records of this type take the fast reading (a type with setters, Jackson
     * annotations or fields of other kinds where they matter does not).
     */
    public boolean readsPlainRecordsFast() {
        return fast().usable();
    }

    /** The fast reading; built on first use (the decoder travels serialised to the tasks). */
    FlatRecordReader<T> fast() {
        if (fast == null) {
            fast = new FlatRecordReader<>(type, requiredFields);
        }
        return fast;
    }

    /**
     * The reference decoding, step by step (a JSON tree, required fields, value checks, data
     * binding), which names what is wrong with a record: every record the fast reading ({@link
     * FlatRecordReader}) is not sure of comes here, and {@link #decode} gives the same result as
     * this for every payload.
     */
    public T decodeChecked(byte[] payload) throws RejectedRecordException {
        if (payload == null || payload.length == 0) {
            throw new RejectedRecordException(RejectReason.NOT_JSON, "empty payload");
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(payload);
        } catch (MismatchedInputException e) {
            // Something after the object (two records glued together, or a forged tail), or
            // nothing at all but blanks.
            throw new RejectedRecordException(
                    RejectReason.NOT_JSON,
                    (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")
                                    ? "trailing data after the JSON value: "
                                    : "not JSON: ")
                            + firstLine(e));
        } catch (JsonEOFException e) {
            throw new RejectedRecordException(
                    RejectReason.TRUNCATED, "JSON ends early: " + firstLine(e));
        } catch (JsonParseException e) {
            if (completeValueFirst(payload)) {
                throw new RejectedRecordException(
                        RejectReason.NOT_JSON,
                        "trailing data after the JSON value: " + firstLine(e));
            }
            if (looksCutOff(payload)) {
                throw new RejectedRecordException(
                        RejectReason.TRUNCATED, "JSON ends early: " + firstLine(e));
            }
            throw new RejectedRecordException(RejectReason.NOT_JSON, "not JSON: " + firstLine(e));
        } catch (IOException e) {
            throw new RejectedRecordException(RejectReason.NOT_JSON, "unreadable: " + firstLine(e));
        }
        if (tree == null || !tree.isObject()) {
            throw new RejectedRecordException(
                    RejectReason.NOT_JSON,
                    "expected a JSON object, got "
                            + (tree == null ? "nothing" : tree.getNodeType()));
        }
        for (String field : requiredFields) {
            JsonNode node = tree.get(field);
            if (node == null || node.isNull()) {
                throw new RejectedRecordException(
                        RejectReason.MISSING_FIELD, "missing field '" + field + "'");
            }
        }
        checkValues(tree, numericFields);
        T record;
        try {
            record = Json.MAPPER.treeToValue(tree, type);
        } catch (MismatchedInputException e) {
            throw new RejectedRecordException(
                    RejectReason.WRONG_TYPE, "wrong type for " + path(e) + ": " + firstLine(e));
        } catch (IOException e) {
            throw new RejectedRecordException(RejectReason.WRONG_TYPE, firstLine(e));
        }
        validator.validate(record);
        return record;
    }

    /**
     * The JSON names of a record's primitive fields, which have no "absent" value and so must be
     * present, plus the named reference fields; boxed fields are optional.
     */
    public static List<String> requiredFields(Class<?> type, String... alsoRequired) {
        List<String> names = new ArrayList<>();
        for (Field f : type.getFields()) {
            int m = f.getModifiers();
            if (f.getType().isPrimitive()
                    && !Modifier.isStatic(m)
                    && !Modifier.isTransient(m)
                    && !f.isAnnotationPresent(JsonIgnore.class)) {
                names.add(
                        PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(f.getName()));
            }
        }
        names.addAll(List.of(alsoRequired));
        return List.copyOf(names);
    }

    /** An object that opens but never closes: the record was cut in transit, not written wrong. */
    /** Whether the payload starts with a whole JSON value (and something unreadable follows). */
    private static boolean completeValueFirst(byte[] payload) {
        try {
            JsonNode first = Json.MAPPER.readTree(payload);
            return first != null && !first.isMissingNode();
        } catch (IOException e) {
            return false;
        }
    }

    static boolean looksCutOff(byte[] payload) {
        int first = 0;
        while (first < payload.length && Character.isWhitespace(payload[first])) {
            first++;
        }
        int last = payload.length - 1;
        while (last >= first && Character.isWhitespace(payload[last])) {
            last--;
        }
        return first <= last && payload[first] == '{' && payload[last] != '}';
    }

    /**
     * Numbers are finite and numbers, not strings that look like one ({@code "NaN"}, {@code
     * "123.5"}); texts hold no NUL character (PostgreSQL cannot store it) and are at most {@link
     * #MAX_TEXT_CHARS} long (a record must fit the outputs' Kafka records).
     */
    private static void checkValues(JsonNode node, Set<String> numericFields)
            throws RejectedRecordException {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            if (v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue())) {
                throw new RejectedRecordException(
                        RejectReason.NOT_A_NUMBER, "field '" + f.getKey() + "' is " + v.asText());
            } else if (v.isTextual()) {
                checkText(f.getKey(), v.textValue());
                if (numericFields.contains(f.getKey())) {
                    throw new RejectedRecordException(
                            RejectReason.WRONG_TYPE,
                            "field '" + f.getKey() + "' must be a number, got a string");
                }
            } else if (v.isContainerNode()) {
                for (JsonNode element : v) {
                    if (element.isTextual()) {
                        checkText(f.getKey(), element.textValue());
                    }
                }
                checkValues(v, Set.of());
            }
        }
    }

    private static void checkText(String field, String text) throws RejectedRecordException {
        if (text.indexOf('\0') >= 0) {
            throw new RejectedRecordException(
                    RejectReason.BAD_TEXT, "field '" + field + "' holds a NUL character");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw new RejectedRecordException(
                    RejectReason.BAD_TEXT,
                    "field '"
                            + field
                            + "' is "
                            + text.length()
                            + " characters long; at most "
                            + MAX_TEXT_CHARS
                            + " are accepted");
        }
    }

    /** The JSON names of a record's numeric fields, primitive or boxed. */
    private static Set<String> numericFields(Class<?> type) {
        Set<String> names = new HashSet<>();
        for (Field f : type.getFields()) {
            Class<?> t = f.getType();
            boolean numeric =
                    (t.isPrimitive() && t != boolean.class && t != char.class)
                            || Number.class.isAssignableFrom(t);
            if (numeric && !Modifier.isStatic(f.getModifiers())) {
                names.add(
                        PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(f.getName()));
            }
        }
        return Set.copyOf(names);
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().isEmpty()
                ? "record"
                : "'" + e.getPath().get(e.getPath().size() - 1).getFieldName() + "'";
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
