package dev.streamwall.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * Runs one harness scenario at two watermark paces and checks that they give the same outputs:
 * where a keyed state's event-time timer and a later input of its key race, the timer firing first
 * (a watermark just before the input) and the input coming first must not differ.
 */
public final class WatermarkPace {

    /** A scenario: its outputs, as text, with the timer fired before the racing input or not. */
    @FunctionalInterface
    public interface Scenario {
        List<String> run(boolean timerFirst) throws Exception;
    }

    private WatermarkPace() {}

    /** The scenario's outputs, asserted the same at both paces. */
    public static List<String> sameEitherWay(Scenario scenario) throws Exception {
        List<String> timerFirst = scenario.run(true);
        assertThat(scenario.run(false)).as("the input before its timer").isEqualTo(timerFirst);
        return timerFirst;
    }
}
