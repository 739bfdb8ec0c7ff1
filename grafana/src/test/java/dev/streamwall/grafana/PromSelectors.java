package dev.streamwall.grafana;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PromQL query of a dashboard selects in a Prometheus scrape: its series selectors ({@code
 * metric{label="v", label=~"re"}}) matched against the scraped series with PromQL's rules (regular
 * expressions anchored at both ends), and the labels its {@code by (...)} clauses group on. Enough
 * to prove that a panel finds series, labels included; functions and arithmetic are not evaluated.
 */
final class PromSelectors {

    /** One scraped series: its metric name and labels. */
    record Series(String name, Map<String, String> labels) {}

    /** One label matcher of a selector. */
    record Matcher1(String label, String op, String value) {
        boolean test(Map<String, String> labels) {
            String actual = labels.getOrDefault(label, "");
            return switch (op) {
                case "=" -> actual.equals(value);
                case "!=" -> !actual.equals(value);
                case "=~" -> Pattern.compile(value).matcher(actual).matches();
                case "!~" -> !Pattern.compile(value).matcher(actual).matches();
                default -> throw new IllegalArgumentException("matcher " + op);
            };
        }
    }

    /** A series selector: a metric name and its matchers. */
    record Selector(String metric, List<Matcher1> matchers) {
        boolean matches(Series s) {
            return s.name().equals(metric) && matchers.stream().allMatch(m -> m.test(s.labels()));
        }

        @Override
        public String toString() {
            return metric + matchers;
        }
    }

    private static final Pattern SELECTOR =
            Pattern.compile("\\b(flink_[A-Za-z0-9_]+)\\s*(?:\\{([^}]*)\\})?");
    private static final Pattern MATCHER =
            Pattern.compile(
                    "([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern BY = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");
    private static final Pattern SAMPLE =
            Pattern.compile("^([A-Za-z_:][A-Za-z0-9_:]*)(?:\\{(.*)\\})?\\s+\\S+.*$");
    private static final Pattern LABEL =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern LABEL_VALUES =
            Pattern.compile(
                    "label_values\\(\\s*(flink_[A-Za-z0-9_]+)\\s*,\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)");

    private PromSelectors() {}

    /** The series of a Prometheus text exposition. */
    static List<Series> parse(String scrape) {
        List<Series> out = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), unescape(l.group(2)));
                }
            }
            out.add(new Series(m.group(1), labels));
        }
        return out;
    }

    /** The selectors of a query. */
    static List<Selector> selectors(String query) {
        List<Selector> out = new ArrayList<>();
        Matcher m = SELECTOR.matcher(query);
        while (m.find()) {
            List<Matcher1> matchers = new ArrayList<>();
            if (m.group(2) != null) {
                Matcher x = MATCHER.matcher(m.group(2));
                while (x.find()) {
                    matchers.add(new Matcher1(x.group(1), x.group(2), unescape(x.group(3))));
                }
            }
            out.add(new Selector(m.group(1), matchers));
        }
        return out;
    }

    /** The labels the query's {@code by (...)} clauses group on. */
    static List<String> groupedBy(String query) {
        List<String> out = new ArrayList<>();
        Matcher m = BY.matcher(query);
        while (m.find()) {
            for (String label : m.group(1).split(",")) {
                if (!label.isBlank()) {
                    out.add(label.strip());
                }
            }
        }
        return out;
    }

    /**
     * The values Grafana offers for a variable defined by {@code label_values(metric, label)}, or
     * null when the definition is not of that form.
     */
    static TreeSet<String> labelValues(String definition, List<Series> series) {
        Matcher m = LABEL_VALUES.matcher(definition);
        if (!m.find()) {
            return null;
        }
        TreeSet<String> values = new TreeSet<>();
        for (Series s : series) {
            if (s.name().equals(m.group(1)) && s.labels().containsKey(m.group(2))) {
                values.add(s.labels().get(m.group(2)));
            }
        }
        return values;
    }

    /**
     * What is wrong with {@code query} on {@code series}: a selector that matches no series, or a
     * {@code by} label that the selected series do not carry. Empty when the query finds series.
     */
    static List<String> problems(String query, List<Series> series) {
        List<String> problems = new ArrayList<>();
        List<String> by = groupedBy(query);
        for (Selector selector : selectors(query)) {
            List<Series> selected = series.stream().filter(selector::matches).toList();
            if (selected.isEmpty()) {
                boolean named = series.stream().anyMatch(s -> s.name().equals(selector.metric()));
                problems.add(
                        selector
                                + (named
                                        ? " matches none of the exported series' labels"
                                        : " is not exported"));
                continue;
            }
            for (String label : by) {
                if (selected.stream().noneMatch(s -> s.labels().containsKey(label))) {
                    problems.add(selector + " has no label " + label + " to group by");
                }
            }
        }
        return problems;
    }

    private static String unescape(String s) {
        return s.replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
