package dev.streamwall.generators.replay;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.streamwall.generators.wire.Pacer;
import dev.streamwall.generators.wire.WirePublisher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Replays a recorded CSV (with a header row) into a Kafka topic, paced by each row's timestamp so
 * that recorded time runs {@code speed} times faster than the wall clock (0: as fast as possible).
 *
 * <p>A domain {@link RowMapper} turns each row into a keyed JSON record. Rows it rejects are not
 * sent; they are counted and the first few are reported with their line number and reason, so a
 * user can fix the file. The records go out merged into event-time order across series (a file
 * grouped by series, as many exports are, is interleaved), each series in its own file order: a row
 * earlier than the one before it in its series stays there (the job's watermark decides whether it
 * is late). The file is held in memory for that.
 */
public final class CsvReplay {

    /** How many rejected rows {@link Result#firstRejections()} keeps. */
    public static final int REPORTED_REJECTIONS = 20;

    /** One record to send: key, event time (epoch ms) and JSON value. */
    public record Row(String key, long ts, byte[] value) {}

    /** Turns a CSV row (header name → cell) into a record. */
    public interface RowMapper {
        /**
         * @throws IllegalArgumentException saying what is wrong with the row and how to fix it
         */
        Row map(Map<String, String> columns);

        /**
         * The records of data row number {@code index} (0 for the first row after the header,
         * counted whether or not a row is rejected): one, or one per cell of a wide row.
         *
         * @throws IllegalArgumentException saying what is wrong with the row and how to fix it
         */
        default List<Row> rows(Map<String, String> columns, long index) {
            return List.of(map(columns));
        }

        /** Where event times come from when no column gives them, for the summary; or null. */
        default String describeTime() {
            return null;
        }
    }

    /**
     * What a replay did.
     *
     * @param rows data rows read (the header not counted)
     * @param sent records sent to the topic (one per row, or one per cell of a wide row)
     * @param rejected rows not sent because the mapper rejected them
     * @param firstRejections the first rejections, as {@code "line N: reason"}
     * @param firstTs event time of the first record sent, epoch ms (0 if none)
     * @param lastTs event time of the last record sent, epoch ms (0 if none)
     * @param backInTime rows earlier than an earlier row of the same key (series)
     * @param furthestBack how far the furthest of those went back, ms
     * @param timeFormat how the file gives its timestamps, for example "ISO-8601 with zone"
     */
    public record Result(
            long rows,
            long sent,
            long rejected,
            List<String> firstRejections,
            long firstTs,
            long lastTs,
            long backInTime,
            long furthestBack,
            String timeFormat) {

        /** The rows that went back in time, in words. */
        public String describeBackInTime() {
            return backInTime == 0
                    ? "none"
                    : String.format(
                            java.util.Locale.ROOT,
                            "%,d (up to %s back)",
                            backInTime,
                            java.time.Duration.ofMillis(furthestBack)
                                    .toString()
                                    .substring(2)
                                    .toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final Path csv;
    private final RowMapper mapper;
    private final WirePublisher.Options options;
    private volatile boolean stopRequested;
    private volatile long sent;

    public CsvReplay(Path csv, RowMapper mapper, WirePublisher.Options options) {
        this.csv = csv;
        this.mapper = mapper;
        this.options = options;
    }

    /** Replays the whole file (or {@code maxEvents} records) with a producer of its own. */
    public Result run() {
        try (Producer<String, byte[]> producer =
                new KafkaProducer<>(options.producerProperties("streamwall-csv-replay"))) {
            return run(producer);
        }
    }

    /** Replays through the given producer, which the caller owns (flushed, not closed). */
    public Result run(Producer<String, byte[]> producer) {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException(
                    "CSV file " + csv.toAbsolutePath() + " does not exist or is not a file");
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        Pacer pacer = new Pacer(options.speed(), options.maxRate());
        List<String> rejections = new ArrayList<>();
        Map<String, Long> lastByKey = new HashMap<>();
        long rejected = 0;
        long firstTs = 0;
        long lastTs = 0;
        long maxTs = Long.MIN_VALUE;
        long backInTime = 0;
        long furthestBack = 0;
        long n = 0;
        long index = 0;
        String timeFormat = null;
        long line = 1;
        // The whole file first: its records go out in event-time order. Exports are often grouped
        // by series (a driver's laps, then the next driver's): sent as they stand, a partition's
        // event time would go back at every group and the job's watermark, the least of its
        // partitions', would make records late or not depending on how fast each partition is
        // read.
        List<Row> ordered = new ArrayList<>();
        try (Reader reader = reader(csv);
                MappingIterator<String[]> rows = rows(reader, separator(csv))) {
            String[] header = header(csv, rows);
            while (!stopRequested && rows.hasNextValue()) {
                // The row's line: the parser places the start of a row at the end of the line
                // before it (line breaks inside quoted cells counted).
                line = rows.getParser().currentTokenLocation().getLineNr() + 1;
                String[] cells = rows.nextValue();
                long rowIndex = index++;
                List<Row> records;
                try {
                    records = mapper.rows(columns(header, cells), rowIndex);
                    if (timeFormat == null) {
                        timeFormat = timeFormat(cells, header);
                    }
                } catch (RuntimeException e) {
                    rejected++;
                    if (rejections.size() < REPORTED_REJECTIONS) {
                        rejections.add("line " + line + ": " + reason(e));
                    }
                    continue;
                }
                for (Row row : records) {
                    Long last = lastByKey.put(row.key(), row.ts());
                    if (last != null && row.ts() < last) {
                        backInTime++;
                        furthestBack = Math.max(furthestBack, last - row.ts());
                        lastByKey.put(row.key(), last);
                    }
                    ordered.add(row);
                }
                if (options.maxEvents() > 0 && ordered.size() >= options.maxEvents()) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        } catch (RuntimeJsonMappingException e) {
            throw new IllegalArgumentException(
                    csv + " after line " + line + " is not valid CSV: " + firstLine(e), e);
        }
        for (Row row : inTimeOrder(ordered)) {
            if (stopRequested || failure.get() != null) {
                break;
            }
            if (n == 0) {
                firstTs = row.ts();
            }
            maxTs = Math.max(maxTs, row.ts());
            pacer.await(maxTs - firstTs, n, () -> stopRequested);
            producer.send(
                    new ProducerRecord<>(options.topic(), row.key(), row.value()),
                    (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
            n++;
            sent = n;
            lastTs = row.ts();
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "sending to Kafka failed: " + failure.get().getMessage(), failure.get());
        }
        return new Result(
                index,
                n,
                rejected,
                List.copyOf(rejections),
                firstTs,
                lastTs,
                backInTime,
                furthestBack,
                timeFormat != null
                        ? timeFormat
                        : mapper.describeTime() != null ? mapper.describeTime() : "-");
    }

    /**
     * The records merged into event-time order across series (keys), each series keeping its own
     * file order: a file grouped by series goes out as the series interleave in time, while a row
     * that goes back in time within its series stays where it is, for the job's lateness to judge.
     * Ties go to the series that appears first in the file.
     */
    static List<Row> inTimeOrder(List<Row> rows) {
        Map<String, java.util.ArrayDeque<Row>> bySeries = new java.util.LinkedHashMap<>();
        for (Row r : rows) {
            bySeries.computeIfAbsent(r.key(), k -> new java.util.ArrayDeque<>()).add(r);
        }
        List<java.util.ArrayDeque<Row>> series = new ArrayList<>(bySeries.values());
        java.util.PriorityQueue<Integer> heads =
                new java.util.PriorityQueue<>(
                        java.util.Comparator.<Integer>comparingLong(i -> series.get(i).peek().ts())
                                .thenComparingInt(i -> i));
        for (int i = 0; i < series.size(); i++) {
            heads.add(i);
        }
        List<Row> out = new ArrayList<>(rows.size());
        while (!heads.isEmpty()) {
            int i = heads.poll();
            out.add(series.get(i).poll());
            if (!series.get(i).isEmpty()) {
                heads.add(i);
            }
        }
        return out;
    }

    /**
     * Reads every data row of {@code csv} as header name → cell, in order, before a replay that
     * needs the whole file (entry lists, totals); rows with a wrong cell count are skipped (the
     * replay reports them).
     */
    public static void scan(Path csv, java.util.function.Consumer<Map<String, String>> visitor) {
        try (Reader reader = reader(csv);
                MappingIterator<String[]> rows = rows(reader, separator(csv))) {
            String[] header = header(csv, rows);
            while (rows.hasNextValue()) {
                String[] cells = rows.nextValue();
                Map<String, String> columns;
                try {
                    columns = columns(header, cells);
                } catch (IllegalArgumentException reportedByTheReplay) {
                    continue;
                }
                visitor.accept(columns);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        } catch (RuntimeJsonMappingException e) {
            throw new IllegalArgumentException(csv + " is not valid CSV: " + firstLine(e), e);
        }
    }

    /** The file as text; bytes that are not UTF-8 become U+FFFD (their row is then rejected). */
    private static Reader reader(Path csv) throws IOException {
        CharsetDecoder utf8 =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new BufferedReader(new InputStreamReader(Files.newInputStream(csv), utf8));
    }

    private static MappingIterator<String[]> rows(Reader reader, char separator)
            throws IOException {
        CsvMapper mapper = new CsvMapper();
        return mapper.enable(CsvParser.Feature.TRIM_SPACES)
                .enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
                .readerFor(String[].class)
                .with(CsvSchema.emptySchema().withColumnSeparator(separator))
                .readValues(reader);
    }

    /**
     * The file's column separator, from its header line: a semicolon or a tab when the header has
     * more of those than commas (as spreadsheets in many locales export), else a comma.
     */
    static char separator(Path csv) throws IOException {
        String header;
        try (BufferedReader r = new BufferedReader(reader(csv))) {
            header = r.readLine();
        }
        if (header == null) {
            return ',';
        }
        long commas = header.chars().filter(c -> c == ',').count();
        long semicolons = header.chars().filter(c -> c == ';').count();
        long tabs = header.chars().filter(c -> c == '\t').count();
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }

    private static String[] header(Path csv, MappingIterator<String[]> rows) throws IOException {
        if (!rows.hasNextValue()) {
            throw new IllegalArgumentException(csv + " is empty: it needs a header row");
        }
        String[] header = rows.nextValue();
        for (int i = 0; i < header.length; i++) {
            header[i] = header[i].replace("\uFEFF", "").trim();
        }
        return header;
    }

    /** The cells of a row by header name; a row whose cell count differs is rejected. */
    private static Map<String, String> columns(String[] header, String[] cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException(
                    cells.length
                            + " cells, the header has "
                            + header.length
                            + " (a stray or missing comma, or an unquoted comma in a value)");
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            if (cells[i].indexOf('\uFFFD') >= 0) {
                throw new IllegalArgumentException(
                        "column '"
                                + header[i]
                                + "' holds bytes that are not UTF-8 text (save the file as UTF-8)");
            }
            columns.put(header[i], cells[i]);
        }
        return columns;
    }

    /** How the row's first time-like cell gives its time, for the summary. */
    private static String timeFormat(String[] cells, String[] header) {
        for (int i = 0; i < header.length; i++) {
            String h = header[i].toLowerCase(java.util.Locale.ROOT);
            if (h.equals("timestamp")
                    || h.equals("ts")
                    || h.equals("time")
                    || h.equals("datetime")
                    || h.equals("lap_end_ts")) {
                return CsvCells.describeTimestamp(cells[i]);
            }
        }
        return null;
    }

    private static String reason(RuntimeException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : firstLine(e);
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Asks a running replay to stop after the current row. */
    public void stop() {
        stopRequested = true;
    }

    /** Records sent so far. */
    public long sent() {
        return sent;
    }
}
