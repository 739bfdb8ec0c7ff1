package dev.streamwall.runner.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Flink SQL scripts under {@code sql/flink/}: the catalog with its {@code ${VARIABLES}} filled
 * in, split into statements, and the documented result columns of each ad-hoc query.
 */
public final class FlinkSqlScripts {

    /** Where the build puts {@code sql/flink/} inside the runner jar. */
    public static final String RESOURCE_DIR = "streamwall/sql/flink/";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)}");
    private static final Pattern COLUMNS = Pattern.compile("(?m)^--\\s*Columns:\\s*(.+)$");

    private FlinkSqlScripts() {}

    /** The catalog script as shipped, variables unfilled. */
    public static String catalog() {
        return resource("catalog.sql");
    }

    /** A script under {@code sql/flink/} from the runner jar, such as {@code queries/x.sql}. */
    public static String resource(String name) {
        try (InputStream in =
                FlinkSqlScripts.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE_DIR + name + " is not on the classpath; rebuild the runner");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The values of the catalog's variables.
     *
     * @param boundedMode {@code unbounded} (live queries) or {@code latest-offset} (a snapshot)
     */
    public static Map<String, String> variables(
            String kafkaBootstrap,
            String boundedMode,
            String jdbcUrl,
            String jdbcUser,
            String jdbcPassword) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("KAFKA_BOOTSTRAP", kafkaBootstrap);
        v.put("KAFKA_BOUNDED_MODE", boundedMode);
        v.put("JDBC_URL", jdbcUrl);
        v.put("JDBC_USER", jdbcUser);
        v.put("JDBC_PASSWORD", jdbcPassword == null ? "" : jdbcPassword);
        return v;
    }

    /**
     * Fills in {@code ${NAME}} placeholders; every one must have a value. Values are escaped for
     * SQL string literals.
     *
     * @throws IllegalArgumentException naming the variables without a value
     */
    public static String substitute(String script, Map<String, String> values) {
        TreeSet<String> missing = new TreeSet<>();
        Matcher m = VARIABLE.matcher(script);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                missing.add(m.group(1));
                value = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.replace("'", "''")));
        }
        m.appendTail(out);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "the SQL script uses "
                            + missing
                            + " but no value was given for "
                            + (missing.size() == 1 ? "it" : "them"));
        }
        return out.toString();
    }

    /**
     * The statements of a script: whole-line {@code --} comments dropped, split at semicolons that
     * end a line.
     */
    public static List<String> statements(String script) {
        StringBuilder b = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            if (!line.strip().startsWith("--")) {
                b.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : b.toString().split(";\\s*(\n|$)")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** The result columns a query documents in its {@code -- Columns:} line. */
    public static List<String> documentedColumns(String query) {
        Matcher m = COLUMNS.matcher(query);
        if (!m.find()) {
            throw new IllegalArgumentException("the query has no '-- Columns:' line");
        }
        return Arrays.stream(m.group(1).split(",")).map(String::strip).toList();
    }
}
