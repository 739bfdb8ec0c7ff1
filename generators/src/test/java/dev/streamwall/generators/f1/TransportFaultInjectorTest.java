package dev.streamwall.generators.f1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwall.generators.wire.TransportFaultInjector;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.generators.wire.WireFault;
import dev.streamwall.generators.wire.WireRecord;
import dev.streamwall.wire.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TransportFaultInjectorTest {

    private static final TransportFaults RATES = new TransportFaults(0.02, 0.01, 0.01, 0.07);

    private static List<Telemetry> samples;
    private static List<WireRecord> wire;
    private static TransportFaultInjector<Telemetry> injector;

    @BeforeAll
    static void sendARaceThroughAFaultyWire() {
        RaceConfig race =
                RaceConfig.builder().seed(8).cars(10).laps(3).sampleHz(25).noFaults().build();
        samples = Races.run(race);
        injector = new TransportFaultInjector<>(TelemetryWireFormat.INSTANCE, RATES, race.seed());
        wire = new ArrayList<>();
        for (Telemetry t : samples) {
            injector.accept(t, wire::add);
        }
        injector.flush(wire::add);
    }

    @Test
    void eachKindIsInjectedAtItsRate() {
        int n = samples.size();
        assertThat(n).isGreaterThan(60_000);
        assertRate(WireFault.OUT_OF_ORDER, RATES.outOfOrder(), n);
        assertRate(WireFault.LATE, RATES.late(), n);
        assertRate(WireFault.DUPLICATE, RATES.duplicate(), n);
        for (WireFault kind : WireFault.MALFORMED) {
            assertRate(kind, RATES.malformed() / WireFault.MALFORMED.size(), n);
        }
        assertThat(injector.malformedCount())
                .isCloseTo((long) (n * RATES.malformed()), within((long) (n * 0.01)));
        Map<WireFault, Long> seen = new HashMap<>();
        for (WireRecord r : wire) {
            seen.merge(r.fault(), 1L, Long::sum);
        }
        assertThat(seen).isEqualTo(withoutZeros(injector.counts()));
    }

    @Test
    void everySampleArrivesExactlyOnceApartFromDuplicates() {
        long valid =
                wire.stream()
                        .filter(r -> r.fault() != WireFault.DUPLICATE && !r.fault().malformed())
                        .count();
        assertThat(valid).isEqualTo(samples.size());
        assertThat(injector.held()).isZero();
    }

    @Test
    void delayedRecordsArriveBehindLaterEventTime() {
        long maxSeen = Long.MIN_VALUE;
        int late = 0;
        int outOfOrder = 0;
        // Records still held when the race ends are flushed early.
        long flushedAfter = samples.get(samples.size() - 1).ts - TransportFaultInjector.MAX_LATE_MS;
        for (WireRecord r : wire) {
            if (r.ts() > flushedAfter) {
                break;
            }
            if (r.fault() == WireFault.LATE) {
                assertThat(maxSeen - r.ts())
                        .isGreaterThanOrEqualTo(TransportFaultInjector.MIN_LATE_MS - 40);
                late++;
            } else if (r.fault() == WireFault.OUT_OF_ORDER) {
                assertThat(maxSeen - r.ts())
                        .isBetween(
                                TransportFaultInjector.MIN_OUT_OF_ORDER_MS - 40,
                                TransportFaultInjector.MAX_OUT_OF_ORDER_MS);
                outOfOrder++;
            } else if (r.fault() == WireFault.NONE && maxSeen != Long.MIN_VALUE) {
                assertThat(r.ts()).isGreaterThanOrEqualTo(maxSeen);
            }
            maxSeen = Math.max(maxSeen, r.ts());
        }
        assertThat(late).isPositive();
        assertThat(outOfOrder).isPositive();
    }

    @Test
    void duplicatesRepeatTheBytesOfTheirOriginal() {
        int checked = 0;
        for (int i = 1; i < wire.size(); i++) {
            WireRecord r = wire.get(i);
            if (r.fault() == WireFault.DUPLICATE) {
                WireRecord original = wire.get(i - 1);
                assertThat(r.value()).isEqualTo(original.value());
                assertThat(r.key()).isEqualTo(original.key());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(injector.count(WireFault.DUPLICATE));
    }

    @Test
    void malformedRecordsAreBrokenInTheirOwnWay() throws Exception {
        for (WireRecord r : wire) {
            if (!r.fault().malformed()) {
                Telemetry t = Json.MAPPER.readValue(r.value(), Telemetry.class);
                assertThat(Integer.toString(t.car)).isEqualTo(r.key());
                continue;
            }
            String text = r.valueAsString();
            switch (r.fault()) {
                case NOT_JSON, TRUNCATED ->
                        assertThatThrownBy(() -> Json.MAPPER.readTree(r.value()).get("car").asInt())
                                .isInstanceOf(Exception.class);
                case WRONG_TYPE -> {
                    assertThat(text)
                            .containsAnyOf(
                                    "\"speed\":\"fast\"",
                                    "\"lap\":\"three\"",
                                    "\"engine_temp\":\"hot\"");
                    assertThatThrownBy(() -> Json.MAPPER.readValue(r.value(), Telemetry.class))
                            .isInstanceOf(Exception.class);
                }
                case MISSING_FIELD -> {
                    JsonNode n = Json.MAPPER.readTree(r.value());
                    assertThat(n.has("car") && n.has("ts")).isFalse();
                }
                case NOT_A_NUMBER -> {
                    assertThat(text)
                            .containsPattern(
                                    "\"(speed|engine_temp|tyre_pressure_fl|fuel)\":NaN[,}]");
                    Telemetry t = Json.MAPPER.readValue(r.value(), Telemetry.class);
                    assertThat(
                                    Double.isNaN(t.speed)
                                            || Double.isNaN(t.engineTemp)
                                            || Double.isNaN(t.tyrePressureFl)
                                            || Double.isNaN(t.fuel))
                            .isTrue();
                }
                case OUT_OF_RANGE -> {
                    Telemetry t = Json.MAPPER.readValue(r.value(), Telemetry.class);
                    assertThat(t.speed == 900.0 || t.tyrePressureFl < 0).isTrue();
                }
                case UNKNOWN_SOURCE -> {
                    Telemetry t = Json.MAPPER.readValue(r.value(), Telemetry.class);
                    assertThat(t.car).isEqualTo(TelemetryWireFormat.UNKNOWN_CAR);
                    assertThat(r.key()).isEqualTo("99");
                    assertThat(Grid.DEFAULT.contains(t.car)).isFalse();
                }
                default -> throw new AssertionError(r);
            }
        }
    }

    @Test
    void noRatesMeansAFaithfulWire() {
        List<WireRecord> out = new ArrayList<>();
        TransportFaultInjector<Telemetry> clean =
                new TransportFaultInjector<>(TelemetryWireFormat.INSTANCE, TransportFaults.NONE, 1);
        List<Telemetry> some = samples.subList(0, 1000);
        some.forEach(t -> clean.accept(t, out::add));
        clean.flush(out::add);
        assertThat(out).hasSize(1000);
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i).fault()).isEqualTo(WireFault.NONE);
            assertThat(out.get(i).value()).isEqualTo(Json.toBytes(some.get(i)));
        }
    }

    @Test
    void theSameSeedInjectsTheSameFaults() {
        TransportFaultInjector<Telemetry> again =
                new TransportFaultInjector<>(TelemetryWireFormat.INSTANCE, RATES, 8);
        List<WireRecord> out = new ArrayList<>();
        samples.forEach(t -> again.accept(t, out::add));
        again.flush(out::add);
        assertThat(out).hasSameSizeAs(wire);
        for (int i = 0; i < out.size(); i += 97) {
            assertThat(out.get(i).fault()).isEqualTo(wire.get(i).fault());
            assertThat(Arrays.equals(out.get(i).value(), wire.get(i).value())).isTrue();
        }
    }

    @Test
    void ratesParseFromTheCommandLineForm() {
        assertThat(TransportFaults.parse("none")).isEqualTo(TransportFaults.NONE);
        assertThat(
                        TransportFaults.parse(
                                "out-of-order=0.01,late=0.001,duplicate=0.002,malformed=0.003"))
                .isEqualTo(new TransportFaults(0.01, 0.001, 0.002, 0.003));
        assertThatThrownBy(() -> TransportFaults.parse("late=2"))
                .hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> TransportFaults.parse("slow=0.1"))
                .hasMessageContaining("unknown transport fault 'slow'");
        assertThatThrownBy(() -> TransportFaults.parse("late=x"))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> TransportFaults.parse("late"))
                .hasMessageContaining("needs a rate");
    }

    private static void assertRate(WireFault kind, double rate, int n) {
        double expected = rate * n;
        double sigma = Math.sqrt(n * rate * (1 - rate));
        assertThat((double) injector.count(kind))
                .as(kind.name())
                .isCloseTo(expected, within(5 * sigma));
    }

    private static Map<WireFault, Long> withoutZeros(Map<WireFault, Long> counts) {
        Map<WireFault, Long> out = new HashMap<>();
        counts.forEach(
                (k, v) -> {
                    if (v > 0) {
                        out.put(k, v);
                    }
                });
        return out;
    }
}
