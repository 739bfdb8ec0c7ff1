package dev.streamwall.bench;

import java.util.List;

/** The legs of one job's benchmark. */
interface JobBench {

    /**
     * How much input a run takes.
     *
     * @param quick a smoke run: seconds, not a measurement
     * @param laps the race distance of a full pitwall run
     */
    record Size(boolean quick, int laps) {}

    String name();

    /** The input a run of this size takes, in words. */
    String input(Size size);

    /** The generator alone, without and with its wire format. */
    List<Measurement> generator(Size size);

    /** The job graph in-process, from the generator to discarding sinks. */
    Measurement graph(Size size, GraphRun.Variant variant, int parallelism) throws Exception;
}
