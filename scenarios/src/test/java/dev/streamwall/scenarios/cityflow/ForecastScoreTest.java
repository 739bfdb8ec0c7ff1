package dev.streamwall.scenarios.cityflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForecastScoreTest {

    @Test
    void theMeansDoNotDependOnTheOrderOfTheForecasts() {
        Random random = new Random(7);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            rows.add(
                    new double[] {
                        random.nextDouble(), random.nextDouble() / 3, random.nextDouble() * 1e-3
                    });
        }
        ForecastScore.Errors first = ForecastScore.Errors.of(rows);
        for (int shuffle = 0; shuffle < 20; shuffle++) {
            Collections.shuffle(rows, random);
            // Bit for bit: the printed figures are compared between a run and the graph in
            // process, whose forecasts come in other orders.
            assertThat(ForecastScore.Errors.of(rows)).isEqualTo(first);
        }
    }
}
