package dev.streamwall.embedded;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.api.java.typeutils.MapTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;

/**
 * Checks that the types a job keeps in state can evolve across savepoints: Flink's POJO serializer
 * lets a POJO gain or lose fields, while a type that falls back to Kryo ({@link GenericTypeInfo})
 * cannot be changed at all without losing the state.
 */
public final class StateSchemas {

    private StateSchemas() {}

    /** What stands in the way of schema evolution for these state types; empty when nothing. */
    public static List<String> problems(Class<?>... stateTypes) {
        List<String> problems = new ArrayList<>();
        for (Class<?> c : stateTypes) {
            check(TypeInformation.of(c), c.getSimpleName(), problems, new HashSet<>());
        }
        return problems;
    }

    private static void check(
            TypeInformation<?> type, String path, List<String> problems, Set<Class<?>> seen) {
        if (type instanceof GenericTypeInfo<?> generic) {
            problems.add(
                    path
                            + " ("
                            + generic.getTypeClass().getName()
                            + ") is serialized with Kryo: make it a POJO (public no-argument"
                            + " constructor, public or getter/setter fields) so it can evolve");
        } else if (type instanceof PojoTypeInfo<?> pojo) {
            if (!seen.add(pojo.getTypeClass())) {
                return;
            }
            for (int i = 0; i < pojo.getArity(); i++) {
                var field = pojo.getPojoFieldAt(i);
                check(
                        field.getTypeInformation(),
                        path + "." + field.getField().getName(),
                        problems,
                        seen);
            }
        } else if (type instanceof ListTypeInfo<?> list) {
            check(list.getElementTypeInfo(), path + "[]", problems, seen);
        } else if (type instanceof MapTypeInfo<?, ?> map) {
            check(map.getKeyTypeInfo(), path + "{key}", problems, seen);
            check(map.getValueTypeInfo(), path + "{value}", problems, seen);
        }
    }
}
