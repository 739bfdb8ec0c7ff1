package dev.streamwall.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The house rules of the dashboards: stable uids, no ids, provisioned datasources, defined
 * variables.
 */
class DashboardRulesTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)");

    @Test
    void thereAreTheDashboardsTheReadmeNames() throws IOException {
        assertThat(Dashboards.files())
                .extracting(p -> p.getFileName().toString())
                .contains(
                        "pitwall.json",
                        "pitwall-telemetry.json",
                        "factory.json",
                        "city.json",
                        "data-quality.json",
                        "flink-health.json");
    }

    @Test
    void uidsComeFromTheFileNameAndIdsAreNull() throws IOException {
        for (Path f : Dashboards.files()) {
            JsonNode d = Dashboards.read(f);
            String stem = f.getFileName().toString().replace(".json", "");
            assertThat(d.path("uid").asText()).as(f.toString()).isEqualTo("streamwall-" + stem);
            assertThat(d.has("id") && d.get("id").isNull()).as("%s: \"id\": null", f).isTrue();
            assertThat(d.path("title").asText()).isNotBlank();
        }
    }

    @Test
    void everyQueryUsesAProvisionedDatasourceAndDefinedVariables() throws IOException {
        for (Path f : Dashboards.files()) {
            JsonNode d = Dashboards.read(f);
            Set<String> defined = new HashSet<>();
            d.path("templating").path("list").forEach(v -> defined.add(v.path("name").asText()));
            for (JsonNode p : d.path("panels")) {
                assertThat(p.path("datasource").path("uid").asText())
                        .as("%s / %s", f, p.path("title"))
                        .isIn(Dashboards.POSTGRES, Dashboards.PROMETHEUS);
            }
        }
        for (Dashboards.Query q : Dashboards.queries()) {
            assertThat(q.datasource())
                    .as(q.toString())
                    .isIn(Dashboards.POSTGRES, Dashboards.PROMETHEUS);
            JsonNode d = Dashboards.read(Dashboards.DIR.resolve(q.dashboard()));
            Set<String> defined = new HashSet<>();
            d.path("templating").path("list").forEach(v -> defined.add(v.path("name").asText()));
            Matcher m = VARIABLE.matcher(q.text());
            while (m.find()) {
                String name = m.group(1);
                if (!name.startsWith("__")) {
                    assertThat(defined).as("%s uses $%s", q, name).contains(name);
                }
            }
        }
    }

    /**
     * Grafana pastes a single-value variable into SQL as it is: a race id with a quote in it (race
     * ids come from whoever produces to Kafka) would end the string literal. Every variable in a
     * PostgreSQL query is therefore a multi-value one (Grafana quotes and escapes those) or
     * formatted with {@code :sqlstring} (quoted and escaped).
     */
    @Test
    void everyVariableInSqlIsQuotedByGrafana() throws IOException {
        Pattern reference = Pattern.compile("\\$\\{(\\w+)(?::(\\w+))?}|\\$(\\w+)");
        List<String> raw = new ArrayList<>();
        for (Dashboards.Query q : Dashboards.queries()) {
            if (!q.datasource().equals(Dashboards.POSTGRES)) {
                continue;
            }
            JsonNode d = Dashboards.read(Dashboards.DIR.resolve(q.dashboard()));
            Set<String> quoted = new HashSet<>();
            d.path("templating")
                    .path("list")
                    .forEach(
                            v -> {
                                if (v.path("multi").asBoolean()
                                        || v.path("includeAll").asBoolean()) {
                                    quoted.add(v.path("name").asText());
                                }
                            });
            Matcher m = reference.matcher(q.text());
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(3);
                boolean sqlstring = "sqlstring".equals(m.group(2));
                if (!name.startsWith("__") && !sqlstring && !quoted.contains(name)) {
                    raw.add(q + ": " + m.group());
                }
            }
        }
        assertThat(raw).isEmpty();
    }

    @Test
    void noSecretsInDashboards() throws IOException {
        for (Path f : Dashboards.files()) {
            assertThat(java.nio.file.Files.readString(f)).doesNotContainIgnoringCase("password");
        }
        assertThat(List.of(Dashboards.POSTGRES, Dashboards.PROMETHEUS))
                .allMatch(u -> u.startsWith("streamwall-"));
    }
}
