package dev.streamwall.cityflow.functions.predict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.generators.city.CityConfig;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The congestion model on the simulated city's default morning, against the seed formula and
 * persistence.
 */
class CongestionModelOnSimulatedCityTest {

    @Test
    void onTheDefaultCityTheModelBeatsTheSeedFormulaAndPersistence() {
        OfflineCity city = OfflineCity.run(CityConfig.defaults());
        double[] e = city.errors();
        System.out.printf(
                Locale.ROOT,
                "default city, T+30 MAE over %.0f forecasts: model %.4f, seed formula %.4f,"
                        + " persistence %.4f%n",
                e[3],
                e[0],
                e[1],
                e[2]);
        assertThat(e[3]).isGreaterThan(10_000);
        assertThat(e[0]).isLessThan(e[2]).isLessThan(e[1]);
    }
}
