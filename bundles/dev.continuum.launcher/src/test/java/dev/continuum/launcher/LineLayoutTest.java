package dev.continuum.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.LayoutBase;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The hand-written layouts write exactly what the logback patterns they replace wrote. */
class LineLayoutTest {

    private final LoggerContext context = new LoggerContext();

    @Test
    void stdoutLinesMatchTheirPattern() {
        assertSameAs("%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n", LineLayout.stdout(),
                event("dev.continuum.launcher.service.HealthReporter", Level.INFO, null));
    }

    @Test
    void fileLinesMatchTheirPatternWhichTheConsolesLogViewParses() {
        assertSameAs("%d{ISO8601} %-5level [%thread] %logger - %msg%n", LineLayout.file(),
                event("org.apache.felix.http", Level.WARN, null));
    }

    @Test
    void stackTracesFollowTheLineAsThePatternsDefaultConverterWroteThem() {
        IOException cause = new IOException("disk full");
        IllegalStateException thrown = new IllegalStateException("cannot write", cause);
        assertSameAs("%d{ISO8601} %-5level [%thread] %logger - %msg%n", LineLayout.file(),
                event("dev.continuum.core.Outbox", Level.ERROR, thrown));
        assertSameAs("%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n", LineLayout.stdout(),
                event("dev.continuum.core.Outbox", Level.ERROR, thrown));
    }

    @Test
    void everyFieldOfTheTimeIsZeroPaddedAndMillisecondsHaveThreeDigits() {
        long millis = LocalDateTime.of(2026, 1, 2, 3, 4, 5, 7_000_000).atZone(ZoneId.systemDefault())
                .toInstant().toEpochMilli();
        LoggingEvent event = event("x", Level.DEBUG, null);
        event.setTimeStamp(millis);
        assertThat(layout(LineLayout.file()).doLayout(event)).startsWith("2026-01-02 03:04:05,007 DEBUG [main] x - ");
        assertThat(layout(LineLayout.stdout()).doLayout(event)).startsWith("03:04:05.007 DEBUG x - ");
    }

    private void assertSameAs(String pattern, LineLayout layout, LoggingEvent event) {
        PatternLayout expected = new PatternLayout();
        expected.setContext(context);
        expected.setPattern(pattern);
        expected.start();
        assertThat(layout(layout).doLayout(event)).isEqualTo(expected.doLayout(event));
    }

    private LayoutBase<ch.qos.logback.classic.spi.ILoggingEvent> layout(LineLayout layout) {
        layout.setContext(context);
        layout.start();
        return layout;
    }

    private LoggingEvent event(String logger, Level level, Throwable thrown) {
        Logger target = context.getLogger(logger);
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), target, level, "{} bundles active, {}",
                thrown, new Object[] {25, "profile simulator"});
        event.setThreadName("main");
        return event;
    }
}
