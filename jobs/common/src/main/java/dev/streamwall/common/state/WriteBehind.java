package dev.streamwall.common.state;

/**
 * A function with {@link CachedValueState}s: {@link WriteBehindProcessOperator} calls it right
 * before each checkpoint barrier to write them to the state backend.
 *
 * @param <K> the key
 */
public interface WriteBehind<K> {

    /** Writes every cached state's changes (see {@link CachedValueState#writeBehind}). */
    void writeBehind(CachedValueState.KeySetter<K> keys) throws Exception;
}
