package dev.streamwall.cityflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.cityflow.CityflowJob;
import dev.streamwall.common.job.JobMain;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CityflowSettingsTest {

    private static CityflowSettings parsed(String... args) {
        return CityflowJob.settings(JobMain.parse(new CityflowJob(), args));
    }

    @Test
    void extraHorizonsAreReadInWholeMinutesInTheirOrder() {
        assertThat(parsed().extraHorizonsMin()).isEmpty();
        assertThat(parsed("--extra-horizons", "60m,15m").extraHorizonsMin())
                .containsExactly(60, 15);
    }

    @Test
    void aHorizonGivenTwiceOrNotInWholeMinutesIsOneLineNamingTheOption() {
        assertThatThrownBy(() -> parsed("--extra-horizons", "30m"))
                .hasMessageStartingWith(
                        "--extra-horizons: 30m is given twice (or is --horizon itself)");
        assertThatThrownBy(() -> parsed("--extra-horizons", "15m,15m"))
                .hasMessageContaining("15m is given twice");
        assertThatThrownBy(() -> parsed("--extra-horizons", "90s"))
                .hasMessageStartingWith("--extra-horizons must be whole minutes");
        assertThatThrownBy(
                        () ->
                                CityflowSettings.defaults()
                                        .withExtraHorizons(
                                                List.of(
                                                        Duration.ofMinutes(5),
                                                        Duration.ofMinutes(10),
                                                        Duration.ofMinutes(15),
                                                        Duration.ofMinutes(45),
                                                        Duration.ofMinutes(60))))
                .hasMessageStartingWith("--extra-horizons takes at most 4");
    }

    @Test
    void eachExtraHorizonHasAPredictorOfItsOwnUid() {
        assertThat(CityflowUids.predictor(15)).isEqualTo("cityflow-road-predictor-15m");
    }
}
