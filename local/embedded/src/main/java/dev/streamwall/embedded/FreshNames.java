package dev.streamwall.embedded;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** Unique topic and database names that say which test made them. */
final class FreshNames {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Pattern TOPIC_PREFIX = Pattern.compile("[a-zA-Z0-9._-]{1,100}");
    private static final int MAX_TEST_NAME = 60;
    private static final int MAX_DATABASE_NAME = 63;

    private FreshNames() {}

    static int next() {
        return SEQUENCE.incrementAndGet();
    }

    /** {@code telemetry-roundTripsRecords-7}: only '-' is added, so Kafka sees no '.'/'_' clash. */
    static String topic(String prefix, String testName, int sequence) {
        if (prefix == null || !TOPIC_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "A topic prefix is 1-100 of [a-zA-Z0-9._-], not: " + prefix);
        }
        String test = truncate(testName.replaceAll("[^A-Za-z0-9]+", "-"), MAX_TEST_NAME);
        return prefix + "-" + strip(test, '-') + "-" + sequence;
    }

    /** {@code test_7_roundtripsrecords}: an unquoted PostgreSQL identifier of at most 63 chars. */
    static String database(String testName, int sequence) {
        String test = strip(testName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"), '_');
        return truncate("test_" + sequence + "_" + test, MAX_DATABASE_NAME);
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    private static String strip(String text, char c) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == c) {
            start++;
        }
        while (end > start && text.charAt(end - 1) == c) {
            end--;
        }
        return text.substring(start, end);
    }
}
