package dev.streamwall.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.embedded.EmbeddedInfraExtension;
import dev.streamwall.embedded.JobStack;
import dev.streamwall.embedded.MiniClusterTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The two savepoint upgrades every job passes, on one uninterrupted reference run of the unchanged
 * job (made once per test class): the job stops half-way with a savepoint and a changed job resumes
 * from it; and the job of today resumes from a savepoint that the job took before the wire module
 * and the shared sinks existed ({@link PreChangeSavepoint}). Either way every piece of state must
 * find its operator and serializer, and the results must equal the reference's.
 *
 * @param <S> the job's test stack
 */
@ExtendWith(EmbeddedInfraExtension.class)
public abstract class SavepointUpgradeCase<S extends ScenarioStack<?>> implements MiniClusterTest {

    private final String job;

    /** The upgrades of the job whose pre-change savepoint is under {@code savepoints/<job>/}. */
    protected SavepointUpgradeCase(String job) {
        this.job = job;
    }

    /** A fresh stack with its input set but not published (see {@link ScenarioStack}). */
    protected abstract S stack(EmbeddedInfra infra);

    /**
     * Runs the upgrade on a fresh stack (on the pre-change savepoint's input topics when {@code
     * from} is given), resumes from the savepoint taken half-way or from {@code from} (see {@link
     * #resumeFrom}), and compares the results with {@code reference}'s.
     */
    protected abstract void upgrade(EmbeddedInfra infra, S reference, PreChangeSavepoint from)
            throws Exception;

    @Test
    void stateCarriesOverAnUpgradeFromASavepoint(EmbeddedInfra infra) throws Exception {
        upgrade(infra, reference(infra), null);
    }

    @Test
    void resumesFromASavepointTakenBeforeTheWireModule(EmbeddedInfra infra) throws Exception {
        upgrade(infra, reference(infra), PreChangeSavepoint.of(job));
    }

    private S reference(EmbeddedInfra infra) throws Exception {
        return References.of(
                getClass(),
                () -> {
                    S reference = stack(infra);
                    reference.publishAll();
                    reference.runToEnd("reference");
                    return reference;
                });
    }

    /** The savepoint to resume from: the pre-change one when given, else the one just taken. */
    protected static String resumeFrom(PreChangeSavepoint from, String taken) {
        return from == null ? taken : from.path();
    }

    /** {@code sql} returns the same rows, and some, on both stacks. */
    protected static void assertSameRows(
            JobStack<?> upgraded, JobStack<?> reference, String sql, Object... params)
            throws Exception {
        List<Map<String, Object>> expected = reference.query(sql, params);
        List<Map<String, Object>> actual = upgraded.query(sql, params);
        if (!expected.isEmpty() && RowDifference.of(actual, expected) != null) {
            // Rows the upgraded job never wrote may have gone to its late topic (a partition
            // marked idle while the machine starved it): say how many did.
            int late = upgraded.consumeAll(upgraded.late).size();
            assertSameRows(
                    actual, expected, sql + " (the upgraded job's late topic: " + late + ")");
        }
        assertSameRows(actual, expected, sql);
    }

    /**
     * {@code actual} equals {@code expected}, which is not empty; a difference is reported as
     * {@link RowDifference} describes it.
     */
    protected static void assertSameRows(
            List<Map<String, Object>> actual, List<Map<String, Object>> expected, String what) {
        assertThat(expected).as("%s: reference rows", what).isNotEmpty();
        String difference = RowDifference.of(actual, expected);
        assertThat(difference).as("%s differs", what).isNull();
    }
}
