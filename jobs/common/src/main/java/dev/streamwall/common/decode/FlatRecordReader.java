package dev.streamwall.common.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.streamwall.wire.Json;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast reading of a flat JSON record: one pass of Jackson's streaming parser straight into the
 * record's public fields (numbers, booleans, texts), without a tree and without data binding. It
 * takes only what it is sure of: a well-formed object whose every field is one of the record's
 * plain fields with a value of exactly its type (finite numbers, texts without NUL within {@link
 * JsonRecordDecoder#MAX_TEXT_CHARS}), every required field present, nothing after it. Anything else
 * (an unknown or ignored field, a null, a string for a number, a nested value, a parse error...)
 * makes it return null, and the record goes through the checked decoding, which accepts or rejects
 * it with its reason exactly as before.
 */
final class FlatRecordReader<T> {

    private enum Kind {
        INT,
        LONG,
        SHORT,
        DOUBLE,
        FLOAT,
        BOOLEAN,
        TEXT,
        BOXED_INT,
        BOXED_LONG,
        BOXED_DOUBLE
    }

    private record Slot(String name, Field field, Kind kind, int index) {}

    private final Constructor<T> constructor;
    private final Map<String, Slot> slots = new HashMap<>();

    /**
     * The slots in declaration order: a producer writes a record's fields in one order, so the next
     * name is usually the next slot's, and the parser's interned names compare by identity.
     */
    private final Slot[] ordered;

    private final boolean[] required;
    private final boolean usable;

    FlatRecordReader(Class<T> type, List<String> requiredFields) {
        Constructor<T> c = null;
        // Only plain records: data binding would call setters and annotated creators or methods,
        // which this reading does not.
        boolean ok = Modifier.isPublic(type.getModifiers()) && !jackson(type.getAnnotations());
        for (java.lang.reflect.Method m : type.getMethods()) {
            if (m.getDeclaringClass() != Object.class
                    && (jackson(m.getAnnotations())
                            || m.getName().startsWith("set") && m.getParameterCount() == 1)) {
                ok = false;
            }
        }
        for (Constructor<?> k : type.getConstructors()) {
            if (jackson(k.getAnnotations())) {
                ok = false;
            }
        }
        try {
            c = type.getConstructor();
        } catch (NoSuchMethodException e) {
            ok = false;
        }
        this.constructor = c;
        int index = 0;
        for (Field f : type.getFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) || Modifier.isTransient(m) || Modifier.isFinal(m)) {
                continue;
            }
            Kind kind = kind(f.getType());
            if (kind == null || jackson(f.getAnnotations())) {
                // Bound some other way: if it comes, the checked decoding reads the record.
                continue;
            }
            String name =
                    PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE
                            .translate(f.getName())
                            .intern();
            // Public fields of a public class: skipping the access check on each set is safe.
            f.setAccessible(true);
            slots.put(name, new Slot(name, f, kind, index++));
        }
        this.ordered = new Slot[index];
        for (Slot slot : slots.values()) {
            ordered[slot.index()] = slot;
        }
        this.required = new boolean[index];
        for (String r : requiredFields) {
            Slot slot = slots.get(r);
            if (slot == null) {
                ok = false;
            } else {
                required[slot.index()] = true;
            }
        }
        this.usable = ok;
    }

    private static boolean jackson(Annotation[] annotations) {
        return Arrays.stream(annotations)
                .anyMatch(a -> a.annotationType().getName().startsWith("com.fasterxml.jackson"));
    }

    private static Kind kind(Class<?> t) {
        if (t == int.class) {
            return Kind.INT;
        } else if (t == long.class) {
            return Kind.LONG;
        } else if (t == short.class) {
            return Kind.SHORT;
        } else if (t == double.class) {
            return Kind.DOUBLE;
        } else if (t == float.class) {
            return Kind.FLOAT;
        } else if (t == boolean.class) {
            return Kind.BOOLEAN;
        } else if (t == String.class) {
            return Kind.TEXT;
        } else if (t == Integer.class) {
            return Kind.BOXED_INT;
        } else if (t == Long.class) {
            return Kind.BOXED_LONG;
        } else if (t == Double.class) {
            return Kind.BOXED_DOUBLE;
        }
        return null;
    }

    /** Whether the record type is plain enough for this reading at all. */
    boolean usable() {
        return usable;
    }

    /** The record, or null when this reading is not sure of it. */
    T bind(byte[] payload) {
        if (!usable || payload == null || payload.length == 0) {
            return null;
        }
        try (JsonParser p = Json.MAPPER.getFactory().createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            T record = constructor.newInstance();
            boolean[] seen = new boolean[required.length];
            int next = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) {
                    return null;
                }
                String name = p.currentName();
                Slot slot =
                        next < ordered.length && ordered[next].name() == name
                                ? ordered[next]
                                : slots.get(name);
                if (slot != null) {
                    next = slot.index() + 1;
                }
                if (slot == null || !set(slot, p.nextToken(), p, record)) {
                    return null;
                }
                seen[slot.index()] = true;
            }
            if (p.nextToken() != null) {
                return null;
            }
            for (int i = 0; i < required.length; i++) {
                if (required[i] && !seen[i]) {
                    return null;
                }
            }
            return record;
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Sets the field from the current token; false when the value is not plainly its type. */
    private static boolean set(Slot slot, JsonToken t, JsonParser p, Object record)
            throws IOException, IllegalAccessException {
        Field f = slot.field();
        switch (slot.kind()) {
            case INT, BOXED_INT -> {
                if (t != JsonToken.VALUE_NUMBER_INT
                        || p.getNumberType() != JsonParser.NumberType.INT) {
                    return false;
                }
                if (slot.kind() == Kind.INT) {
                    f.setInt(record, p.getIntValue());
                } else {
                    f.set(record, p.getIntValue());
                }
            }
            case LONG, BOXED_LONG -> {
                if (t != JsonToken.VALUE_NUMBER_INT
                        || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return false;
                }
                if (slot.kind() == Kind.LONG) {
                    f.setLong(record, p.getLongValue());
                } else {
                    f.set(record, p.getLongValue());
                }
            }
            case SHORT -> {
                if (t != JsonToken.VALUE_NUMBER_INT
                        || p.getNumberType() != JsonParser.NumberType.INT) {
                    return false;
                }
                int v = p.getIntValue();
                if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    return false;
                }
                f.setShort(record, (short) v);
            }
            case DOUBLE, BOXED_DOUBLE -> {
                if (t != JsonToken.VALUE_NUMBER_FLOAT
                        && (t != JsonToken.VALUE_NUMBER_INT
                                || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER)) {
                    return false;
                }
                double v = p.getDoubleValue();
                if (!Double.isFinite(v)) {
                    return false;
                }
                if (slot.kind() == Kind.DOUBLE) {
                    f.setDouble(record, v);
                } else {
                    f.set(record, v);
                }
            }
            case FLOAT -> {
                if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                    return false;
                }
                // As the tree reading does: the double, narrowed.
                double d = p.getDoubleValue();
                if (!Double.isFinite(d) || !Float.isFinite((float) d)) {
                    return false;
                }
                f.setFloat(record, (float) d);
            }
            case BOOLEAN -> {
                if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                    return false;
                }
                f.setBoolean(record, t == JsonToken.VALUE_TRUE);
            }
            case TEXT -> {
                if (t != JsonToken.VALUE_STRING) {
                    return false;
                }
                String v = p.getText();
                if (v.length() > JsonRecordDecoder.MAX_TEXT_CHARS || v.indexOf('\0') >= 0) {
                    return false;
                }
                f.set(record, v);
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
