package dev.streamwall.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The terminal a live board is drawn on: its width, and a redraw from the top. */
final class Terminal {

    private final PrintStream out;

    Terminal(PrintStream out) {
        this.out = out;
    }

    /** Clears the screen and draws {@code lines} from the top. */
    void draw(List<String> lines) {
        StringBuilder b = new StringBuilder("\033[H\033[2J");
        for (String l : lines) {
            b.append(l).append('\n');
        }
        out.print(b);
        out.flush();
    }

    private long widthCheckedAt;
    private int columns = 160;

    /**
     * The terminal's width in columns: {@code $COLUMNS} when the shell exports it, otherwise what
     * {@code stty size} reports for the terminal on standard input (asked at most every 2 s, so a
     * resized window is followed), otherwise 160.
     */
    int width() {
        String cols = System.getenv("COLUMNS");
        if (cols != null) {
            try {
                return Math.max(60, Integer.parseInt(cols.trim()));
            } catch (NumberFormatException e) {
                // ask the terminal
            }
        }
        if (System.nanoTime() - widthCheckedAt < TimeUnit.SECONDS.toNanos(2)) {
            return columns;
        }
        widthCheckedAt = System.nanoTime();
        try {
            Process stty =
                    new ProcessBuilder("stty", "size")
                            // The terminal on our standard input: ./streamwall runs the JVM
                            // in a session of its own, without a controlling /dev/tty.
                            .redirectInput(ProcessBuilder.Redirect.INHERIT)
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
            String[] size =
                    new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                            .trim()
                            .split("\\s+");
            if (stty.waitFor(1, TimeUnit.SECONDS) && size.length == 2) {
                columns = Math.max(60, Integer.parseInt(size[1]));
            }
        } catch (IOException | NumberFormatException e) {
            // keep the last width
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return columns;
    }
}
