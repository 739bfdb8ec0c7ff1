package dev.streamwall.common.state;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * A keyed {@link ValueState} read and written through operator memory: each key's value is read
 * from the state backend once, then kept here, and written back only right before a checkpoint
 * barrier ({@link WriteBehindProcessOperator}), not on every event. On RocksDB that takes a get
 * (deserialising the value) and a put (serialising it) off every event.
 *
 * <p>The state itself, its name and type, are those of a plain {@code getState(descriptor)}, so
 * checkpoints and savepoints are the same as the function's without the cache (either restores into
 * the other). The values kept here are never the objects the state backend holds: a value is copied
 * when read from the state and when written to it, so the heap backend's asynchronous snapshot
 * never sees a value changed after its barrier.
 *
 * <p>Memory: at most {@link #MAX_KEYS} keys, or, when more than that many change between two
 * checkpoints, those keys until the next checkpoint writes them: a key that has not changed since
 * it was last written is dropped first (read again from the state when it comes back).
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class CachedValueState<K, V> {
    /** How many keys are kept before the unchanged ones are dropped. */
    public static final int MAX_KEYS = 10_000;

    private final ValueState<V> state;
    private final int maxKeys;
    private final TypeSerializer<V> serializer;

    /** Each key's value as last read or written; a key mapped to null has none. */
    private final Map<K, V> values = new HashMap<>();

    /** Keys whose value changed here since it was last written to the state. */
    private final Set<K> dirty = new HashSet<>();

    private CachedValueState(ValueState<V> state, TypeSerializer<V> serializer, int maxKeys) {
        this.state = state;
        this.serializer = serializer;
        this.maxKeys = maxKeys;
    }

    /** The state of {@code descriptor} in {@code context}, read and written through memory. */
    public static <K, V> CachedValueState<K, V> of(
            RuntimeContext context, ValueStateDescriptor<V> descriptor) {
        return of(context, descriptor, MAX_KEYS);
    }

    /** The same, keeping at most {@code maxKeys} unchanged keys (see the class comment). */
    public static <K, V> CachedValueState<K, V> of(
            RuntimeContext context, ValueStateDescriptor<V> descriptor, int maxKeys) {
        ValueState<V> state = context.getState(descriptor);
        // getState has set the descriptor's serializer up.
        return new CachedValueState<>(state, descriptor.getSerializer().duplicate(), maxKeys);
    }

    /** The value of {@code key}, which must be the current key; null when it has none. */
    public V value(K key) throws Exception {
        V v = values.get(key);
        if (v == null && !values.containsKey(key)) {
            if (values.size() >= maxKeys && values.size() > dirty.size()) {
                // Full: the keys written since they last changed go; the others wait for the
                // next checkpoint.
                values.keySet().removeIf(k -> !dirty.contains(k));
            }
            V stored = state.value();
            v = stored == null ? null : serializer.copy(stored);
            values.put(key, v);
        }
        return v;
    }

    /** Sets the value of {@code key}, written to the state at the next checkpoint. */
    public void update(K key, V value) {
        values.put(key, value);
        dirty.add(key);
    }

    /** Clears the value of {@code key}, which must be the current key, here and in the state. */
    public void clear(K key) {
        state.clear();
        values.remove(key);
        dirty.remove(key);
    }

    /**
     * Writes every changed value to the state, setting each key current with {@code keys} first:
     * called right before a checkpoint barrier.
     */
    public void writeBehind(KeySetter<K> keys) throws Exception {
        for (K key : dirty) {
            keys.setCurrentKey(key);
            V v = values.get(key);
            if (v == null) {
                state.clear();
            } else {
                state.update(serializer.copy(v));
            }
        }
        dirty.clear();
        if (values.size() > maxKeys) {
            values.clear();
        }
    }

    /** Sets the operator's current key, so that keyed state reads and writes that key's. */
    @FunctionalInterface
    public interface KeySetter<K> {
        void setCurrentKey(K key) throws Exception;
    }
}
