package dev.streamwall.runner.pitwall;

import picocli.CommandLine.Command;

/** {@code streamwall demo pitwall}: a simulated race, the pitwall job and the pit-wall board. */
@Command(
        name = "pitwall",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "F1: a simulated race → Kafka → the pitwall job → PostgreSQL, with the live pit-wall board.")
public final class PitwallDemoCommand extends PitwallDemoBase {}
