package dev.streamwall.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A demo keeps its last savepoints, not one more per run for ever. */
class SavepointPruningTest {

    @Test
    void keepsTheNewestSavepointsAndNothingElseIsTouched(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 7; i++) {
            Path savepoint = Files.createDirectories(dir.resolve("savepoint-" + i));
            Files.writeString(savepoint.resolve("_metadata"), "state " + i);
            Files.setLastModifiedTime(savepoint, FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        Files.writeString(dir.resolve("notes.txt"), "mine");

        assertThat(DemoSavepoints.pruneSavepoints(dir, 5)).isEqualTo(2);

        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "savepoint-2",
                            "savepoint-3",
                            "savepoint-4",
                            "savepoint-5",
                            "savepoint-6",
                            "notes.txt");
        }
        assertThat(DemoSavepoints.pruneSavepoints(dir, 5)).isZero();
        assertThat(DemoSavepoints.pruneSavepoints(dir.resolve("absent"), 5)).isZero();
    }
}
