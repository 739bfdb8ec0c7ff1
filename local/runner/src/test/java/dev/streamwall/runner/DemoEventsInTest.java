package dev.streamwall.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.cityflow.workflow.CityflowWorkflow;
import dev.streamwall.generators.city.CityConfig;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.runner.cityflow.CityflowDemo;
import org.junit.jupiter.api.Test;

/** The demo's count of events processed: the generator's events, not cityflow's road records. */
class DemoEventsInTest {

    private static final String METRICS =
            String.join(
                    "\n",
                    "# HELP flink_taskmanager_job_task_operator_events_in events_in (scope: ...)",
                    "# TYPE flink_taskmanager_job_task_operator_events_in gauge",
                    "flink_taskmanager_job_task_operator_events_in{operator_name=\"Decode__check_roads__dead_letter_readings\",subtask_index=\"0\",} 38012.0",
                    "flink_taskmanager_job_task_operator_events_in{operator_name=\"Decode__check_roads__dead_letter_readings\",subtask_index=\"1\",} 38012.0",
                    "flink_taskmanager_job_task_operator_events_in{operator_name=\"Decode_and_dead_letter_roads\",subtask_index=\"0\",} 52.0",
                    "flink_taskmanager_job_task_operator_events_in{operator_name=\"Decode_and_dead_letter_roads\",subtask_index=\"1\",} 52.0",
                    "");

    @Test
    void leavesTheRoadGraphsRecordsOutOfCityflowsCount() {
        assertThat(
                        new CityflowDemo(CityConfig.defaults(), TransportFaults.parse("none"))
                                .sideInputOperators())
                .containsExactly(CityflowWorkflow.DECODE_ROADS_NAME);
        assertThat(
                        DemoRunner.eventsIn(
                                METRICS,
                                new CityflowDemo(
                                        CityConfig.defaults(), TransportFaults.parse("none"))))
                .isEqualTo(76_024.0);
    }
}
