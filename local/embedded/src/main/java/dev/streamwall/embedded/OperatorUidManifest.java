package dev.streamwall.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;

/**
 * The committed list of a job's operator uids ({@code operator-uids.txt} in the job's module),
 * checked against the real job graph: savepoint state is matched to operators by uid, so a uid that
 * disappears or changes loses that operator's state on the next upgrade.
 *
 * <p>One line per operator, sorted by uid: uid and kind ({@code source}, {@code keyed} for
 * operators with keyed state, {@code sink} for Sink V2 writers and committers, {@code operator}),
 * tab-separated, then the operator's name after {@code #} for the reader (names are not compared:
 * they carry no state).
 */
public final class OperatorUidManifest {

    /** Set to true ({@code -Dstreamwall.update-uids=true}) to rewrite the file from the graph. */
    public static final String UPDATE_PROPERTY = "streamwall.update-uids";

    /** One operator of a job graph. */
    public record Entry(String uid, String kind, String name) {
        String key() {
            return uid + "\t" + kind;
        }

        String line() {
            return key() + "\t# " + name;
        }
    }

    private OperatorUidManifest() {}

    /** The operators of the given graphs (variants of one job), one entry per uid. */
    public static List<Entry> of(Collection<StreamGraph> graphs) {
        TreeMap<String, Entry> byUid = new TreeMap<>();
        for (StreamGraph graph : graphs) {
            Set<Integer> sources = Set.copyOf(graph.getSourceIDs());
            Set<Integer> sinks = Set.copyOf(graph.getSinkIDs());
            for (StreamNode n : graph.getStreamNodes()) {
                String uid = n.getTransformationUID();
                if (uid == null) {
                    throw new IllegalStateException(
                            "operator '"
                                    + n.getOperatorName()
                                    + "' has no uid: give it .uid(...) from the job's Uids class,"
                                    + " or its state cannot be restored from a savepoint");
                }
                String factory =
                        n.getOperatorFactory() == null
                                ? ""
                                : n.getOperatorFactory().getClass().getSimpleName();
                String kind =
                        sources.contains(n.getId())
                                ? "source"
                                : n.getStatePartitioners().length > 0
                                        ? "keyed"
                                        : sinks.contains(n.getId())
                                                        || factory.contains("SinkWriter")
                                                        || factory.contains("Committer")
                                                ? "sink"
                                                : "operator";
                byUid.putIfAbsent(uid, new Entry(uid, kind, n.getOperatorName()));
            }
        }
        return List.copyOf(byUid.values());
    }

    /** The manifest text for these entries. */
    public static String render(List<Entry> entries) {
        StringBuilder b =
                new StringBuilder(
                        "# Operator uids of this job (uid, kind; the name for the reader), checked against the\n"
                                + "# job graph by a test.\n"
                                + "# Savepoint state is matched by uid: never change or remove one of a stateful\n"
                                + "# operator (source, keyed) on a running job without a state migration plan.\n"
                                + "# After a deliberate change: mvn verify -D"
                                + UPDATE_PROPERTY
                                + "=true rewrites this file.\n");
        for (Entry e : entries) {
            b.append(e.line()).append('\n');
        }
        return b.toString();
    }

    /**
     * Compares the graph's operators with the committed file; rewrites the file instead when {@link
     * #UPDATE_PROPERTY} is set.
     *
     * @return what differs, empty when they agree
     */
    public static List<String> check(Path file, List<Entry> actual) {
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            try {
                Files.writeString(file, render(actual), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return List.of();
        }
        Set<String> committed = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int comment = line.indexOf("\t#");
                    committed.add((comment < 0 ? line : line.substring(0, comment)).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read "
                            + file.toAbsolutePath()
                            + "; create it with mvn verify -D"
                            + UPDATE_PROPERTY
                            + "=true",
                    e);
        }
        Set<String> now =
                actual.stream().map(Entry::key).collect(Collectors.toCollection(TreeSet::new));
        List<String> problems = new ArrayList<>();
        for (String line : committed) {
            if (!now.contains(line)) {
                problems.add("committed but not in the graph: " + line);
            }
        }
        for (String line : now) {
            if (!committed.contains(line)) {
                problems.add("in the graph but not committed: " + line);
            }
        }
        return problems;
    }
}
