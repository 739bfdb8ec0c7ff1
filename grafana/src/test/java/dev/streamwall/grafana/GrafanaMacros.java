package dev.streamwall.grafana;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Expands what Grafana expands in a PostgreSQL panel query before it reaches the database: the time
 * macros ({@code $__timeFilter}, {@code $__timeGroup}, {@code $__timeGroupAlias}, {@code
 * $__timeFrom()}, {@code $__timeTo()}, {@code $__interval}) and template variables ({@code $var},
 * {@code ${var}}, {@code ${var:sqlstring}}, {@code ${var:csv}}): a single-value variable as it is,
 * a multi-value one quoted and comma-separated, as Grafana's SQL data sources do by default.
 */
final class GrafanaMacros {

    private static final Pattern GROUP =
            Pattern.compile(
                    "\\$__timeGroup(Alias)?\\(\\s*([^,]+?)\\s*,\\s*'?([0-9]+)([smhd])'?\\s*\\)");
    private static final Pattern FILTER = Pattern.compile("\\$__timeFilter\\(\\s*([^)]+?)\\s*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::(\\w+))?}|\\$(\\w+)");

    private final Instant from;
    private final Instant to;
    private final String interval;
    private final Map<String, List<String>> variables;
    private final java.util.Set<String> multi;

    GrafanaMacros(
            Instant from,
            Instant to,
            String interval,
            Map<String, List<String>> variables,
            java.util.Set<String> multi) {
        this.from = from;
        this.to = to;
        this.interval = interval;
        this.variables = variables;
        this.multi = multi;
    }

    String expand(String sql) {
        String s = sql.replace("$__interval", interval);
        s = s.replace("$__timeFrom()", "'" + from + "'").replace("$__timeTo()", "'" + to + "'");
        s =
                FILTER.matcher(s)
                        .replaceAll(
                                m ->
                                        Matcher.quoteReplacement(
                                                m.group(1)
                                                        + " BETWEEN '"
                                                        + from
                                                        + "' AND '"
                                                        + to
                                                        + "'"));
        s =
                GROUP.matcher(s)
                        .replaceAll(
                                m -> {
                                    long seconds =
                                            Long.parseLong(m.group(3))
                                                    * switch (m.group(4)) {
                                                        case "s" -> 1;
                                                        case "m" -> 60;
                                                        case "h" -> 3600;
                                                        default -> 86400;
                                                    };
                                    String bucket =
                                            "to_timestamp(floor(extract(epoch from "
                                                    + m.group(2)
                                                    + ") / "
                                                    + seconds
                                                    + ") * "
                                                    + seconds
                                                    + ")";
                                    return Matcher.quoteReplacement(
                                            bucket + (m.group(1) != null ? " AS \"time\"" : ""));
                                });
        Matcher v = VARIABLE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (v.find()) {
            String name = v.group(1) != null ? v.group(1) : v.group(3);
            if (name.startsWith("__")) {
                v.appendReplacement(out, Matcher.quoteReplacement(v.group()));
                continue;
            }
            List<String> values = variables.get(name);
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("variable $" + name + " has no value in " + sql);
            }
            String format =
                    v.group(2) != null ? v.group(2) : multi.contains(name) ? "sqlstring" : "raw";
            String text =
                    switch (format) {
                        case "csv" -> String.join(",", values);
                        case "raw" -> String.join(",", values);
                        default ->
                                values.stream()
                                        .map(x -> "'" + x.replace("'", "''") + "'")
                                        .collect(Collectors.joining(","));
                    };
            v.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        v.appendTail(out);
        return out.toString();
    }
}
