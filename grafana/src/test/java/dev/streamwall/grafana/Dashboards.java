package dev.streamwall.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The dashboards under grafana/dashboards and the queries in them. */
final class Dashboards {

    static final Path DIR = Path.of("dashboards");
    static final String POSTGRES = "streamwall-postgres";
    static final String PROMETHEUS = "streamwall-prometheus";
    static final ObjectMapper JSON = new ObjectMapper();

    /** One query of a panel (or of a variable, with panel "variable NAME"). */
    record Query(
            String dashboard,
            String panel,
            String datasource,
            String text,
            String format,
            boolean mayBeEmpty) {
        @Override
        public String toString() {
            return dashboard + " / " + panel;
        }
    }

    private Dashboards() {}

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    static List<Query> queries() throws IOException {
        List<Query> out = new ArrayList<>();
        for (Path f : files()) {
            JsonNode d = read(f);
            String name = f.getFileName().toString();
            for (JsonNode v : d.path("templating").path("list")) {
                out.add(
                        new Query(
                                name,
                                "variable " + v.path("name").asText(),
                                v.path("datasource").path("uid").asText(),
                                v.path("query").asText(),
                                "table",
                                false));
            }
            for (JsonNode p : d.path("panels")) {
                boolean mayBeEmpty = p.path("description").asText().contains("May be empty");
                for (JsonNode t : p.path("targets")) {
                    String uid = t.path("datasource").path("uid").asText();
                    out.add(
                            new Query(
                                    name,
                                    p.path("title").asText(),
                                    uid,
                                    uid.equals(POSTGRES)
                                            ? t.path("rawSql").asText()
                                            : t.path("expr").asText(),
                                    t.path("format").asText("time_series"),
                                    mayBeEmpty));
                }
            }
        }
        return out;
    }
}
