package com.dataquality.dqs.cli;

import java.time.Duration;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine;

/** Durations as Flink writes them in its configuration: {@code 10s}, {@code 2 min}, {@code 1d}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            Duration d = TimeUtils.parseDuration(value);
            if (d.isNegative()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is negative");
            }
            return d;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration (examples: 500ms, 10s, 5min, 1d)");
        }
    }
}
