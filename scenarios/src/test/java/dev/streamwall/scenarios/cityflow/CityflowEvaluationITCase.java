package dev.streamwall.scenarios.cityflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.cityflow.workflow.CityflowSettings;
import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.embedded.EmbeddedInfraExtension;
import dev.streamwall.embedded.MiniClusterTest;
import dev.streamwall.generators.city.CityConfig;
import dev.streamwall.generators.wire.TransportFaults;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** The prediction quality the issue asks for, measured by the evaluation command's two paths. */
@ExtendWith(EmbeddedInfraExtension.class)
class CityflowEvaluationITCase implements MiniClusterTest {

    @Test
    void onTheDefaultCityTheJobBeatsTheSeedFormulaAndPersistence() throws Exception {
        CityConfig city = CityConfig.defaults();
        ForecastScore score =
                ForecastScore.score(
                        CityflowEvaluation.run(city, CityflowSettings.defaults(), 2),
                        CityflowEvaluation.truth(city));
        score.table().forEach(System.out::println);

        assertThat(score.all().n()).as("52 roads x (240 - 30) minutes").isEqualTo(52 * 209);
        assertThat(score.all().job()).isLessThan(score.all().persistence());
        assertThat(score.all().job()).isLessThan(score.all().baseline());
        assertThat(score.incidents().n()).as("the random closures are scored").isPositive();
    }

    @Test
    void theCommandScoresWhatARunningJobWroteTheSameAsTheGraphInProcess(EmbeddedInfra infra)
            throws Exception {
        CityConfig city =
                CityConfig.defaults()
                        .withDuration(Duration.ofMinutes(90))
                        .withIncidents("R20@40m+30m/2", 0);
        CityflowStack stack = new CityflowStack(infra).publish(city, TransportFaults.NONE);
        stack.onHeap().runToEnd("evaluation");

        StringWriter text = new StringWriter();
        CommandLine cli = new CommandLine(new CityflowEvaluation());
        cli.setOut(new PrintWriter(text));
        int exit =
                cli.execute(
                        "--jdbc-url",
                        stack.jdbcUrl,
                        "--jdbc-user",
                        "postgres",
                        "--kafka",
                        infra.bootstrapServers(),
                        "--truth-topic",
                        stack.truth);
        System.out.println(text);
        assertThat(exit).isZero();

        ForecastScore inProcess =
                ForecastScore.score(
                        CityflowEvaluation.run(city, CityflowSettings.defaults(), 2),
                        CityflowEvaluation.truth(city));
        List<String> lines = text.toString().lines().toList();
        assertThat(lines).contains(inProcess.table().get(1), inProcess.table().get(2));
        assertThat(inProcess.incidents().n()).isPositive();
    }
}
