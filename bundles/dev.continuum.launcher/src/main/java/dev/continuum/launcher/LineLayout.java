package dev.continuum.launcher;

import ch.qos.logback.classic.pattern.Abbreviator;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The gateway's two log line formats, written out directly: logback's {@code PatternLayout} parses its
 * pattern and links a few dozen converters when it starts, a measurable share of a gateway's start
 * (docs/benchmarks.md, start-up). Output is the same as these patterns (with the stack trace that
 * {@code PatternLayout} appends by default):
 * <ul>
 *   <li>{@link #stdout()}: {@code %d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n}</li>
 *   <li>{@link #file()}: {@code %d{ISO8601} %-5level [%thread] %logger - %msg%n} (the console's log view
 *       parses this one)</li>
 * </ul>
 */
final class LineLayout extends LayoutBase<ILoggingEvent> {

    private final boolean file;
    private final Abbreviator abbreviator;
    private final ZoneId zone = ZoneId.systemDefault();

    private LineLayout(boolean file) {
        this.file = file;
        this.abbreviator = file ? null : new TargetLengthBasedClassNameAbbreviator(30);
    }

    static LineLayout stdout() {
        return new LineLayout(false);
    }

    static LineLayout file() {
        return new LineLayout(true);
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        long millis = event.getTimeStamp();
        LocalDateTime time = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone);
        if (file) {
            line.append(time.getYear()).append('-');
            two(line, time.getMonthValue()).append('-');
            two(line, time.getDayOfMonth()).append(' ');
        }
        two(line, time.getHour()).append(':');
        two(line, time.getMinute()).append(':');
        two(line, time.getSecond()).append(file ? ',' : '.');
        int ms = (int) Math.floorMod(millis, 1000L);
        line.append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
        line.append(' ');
        String level = event.getLevel().toString();
        line.append(level);
        for (int i = level.length(); i < 5; i++) {
            line.append(' ');
        }
        line.append(' ');
        if (file) {
            line.append('[').append(event.getThreadName()).append("] ").append(event.getLoggerName());
        } else {
            line.append(abbreviator.abbreviate(event.getLoggerName()));
        }
        line.append(" - ").append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(ThrowableProxyUtil.asString(thrown)); // one line each, every one ended
        }
        return line.toString();
    }

    private static StringBuilder two(StringBuilder line, int value) {
        return line.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
