package dev.streamwall.pitwall.functions.strategy;

import java.io.Serializable;

/**
 * The race-engineering constants of the strategy model. Defaults are public figures for a
 * medium-severity circuit such as Silverstone: about 0.03 s per kg of fuel, about 20 s lost to a
 * green-flag stop, about half that under a safety car.
 */
public record StrategyParameters(
        int pitWindowLaps,
        double pitLossSeconds,
        double scPitLossFactor,
        double vscPitLossFactor,
        double fuelEffectSecondsPerKg,
        double startFuelKg,
        double boxNowLapsToCliff)
        implements Serializable {

    public static StrategyParameters defaults() {
        return new StrategyParameters(3, 20.0, 0.5, 0.65, 0.03, 105.0, 2.0);
    }

    public StrategyParameters withPitWindowLaps(int laps) {
        return new StrategyParameters(
                laps,
                pitLossSeconds,
                scPitLossFactor,
                vscPitLossFactor,
                fuelEffectSecondsPerKg,
                startFuelKg,
                boxNowLapsToCliff);
    }

    public StrategyParameters withPitLossSeconds(double seconds) {
        return new StrategyParameters(
                pitWindowLaps,
                seconds,
                scPitLossFactor,
                vscPitLossFactor,
                fuelEffectSecondsPerKg,
                startFuelKg,
                boxNowLapsToCliff);
    }
}
