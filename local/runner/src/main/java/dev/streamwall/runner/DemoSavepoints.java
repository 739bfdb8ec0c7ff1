package dev.streamwall.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/** The savepoints of a demo: one taken when it stops, the newest few kept in its work directory. */
final class DemoSavepoints {

    /** Stops the job with a savepoint (cancels it if that fails) and prunes older savepoints. */
    static void stop(JobClient client, PrintStream out) {
        try {
            String savepoint =
                    client.stopWithSavepoint(false, null, SavepointFormatType.CANONICAL)
                            .get(60, TimeUnit.SECONDS);
            out.println();
            out.println("Job stopped with a savepoint: " + savepoint);
            int pruned =
                    pruneSavepoints(
                            (savepoint.startsWith("file:")
                                            ? Path.of(URI.create(savepoint))
                                            : Path.of(savepoint))
                                    .getParent(),
                            KEEP_SAVEPOINTS);
            if (pruned > 0) {
                out.println(
                        "  ("
                                + pruned
                                + " older savepoint"
                                + (pruned == 1 ? "" : "s")
                                + " deleted: the last "
                                + KEEP_SAVEPOINTS
                                + " are kept)");
            }
        } catch (Exception e) {
            out.println("Job cancelled (" + e.getMessage() + ")");
            try {
                client.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // already gone
            }
        }
    }

    /** Savepoints a demo keeps in its work directory; each run adds one. */
    static final int KEEP_SAVEPOINTS = 5;

    /**
     * Deletes all but the newest {@code keep} savepoint directories ({@code savepoint-*}) of {@code
     * dir}; returns how many it deleted. A directory it cannot delete is left.
     */
    static int pruneSavepoints(Path dir, int keep) {
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> savepoints;
        try (Stream<Path> s = Files.list(dir)) {
            savepoints =
                    s.filter(p -> p.getFileName().toString().startsWith("savepoint-"))
                            .filter(Files::isDirectory)
                            .sorted(
                                    Comparator.comparing(
                                                    (Path p) -> {
                                                        try {
                                                            return Files.getLastModifiedTime(p);
                                                        } catch (IOException e) {
                                                            return FileTime.fromMillis(0);
                                                        }
                                                    })
                                            .reversed())
                            .toList();
        } catch (IOException e) {
            return 0;
        }
        int deleted = 0;
        for (Path old : savepoints.subList(Math.min(keep, savepoints.size()), savepoints.size())) {
            try (Stream<Path> tree = Files.walk(old)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
                deleted++;
            } catch (IOException e) {
                // left for the user
            }
        }
        return deleted;
    }

    private DemoSavepoints() {}
}
