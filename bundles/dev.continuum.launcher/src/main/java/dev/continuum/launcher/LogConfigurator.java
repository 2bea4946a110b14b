package dev.continuum.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;

/**
 * The gateway's logging, configured in code (logback's XML configuration costs a few hundred
 * milliseconds of start-up) with lines formatted by {@link LineLayout}: stdout, and
 * {@code continuum.log.dir/continuum.log} rotated daily and at 10 MB, gzipped, 7 days and 200 MB kept.
 * Level from {@code continuum.log.level} (default INFO).
 * Setting {@code logback.configurationFile} hands configuration back to logback's own XML.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty("continuum.log.level"), Level.INFO));
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        // Pi4J's board detection reads /proc files that only a Raspberry Pi has and logs their absence as
        // errors; the gateway never uses it (the Pi4J context comes from the profile's pin map).
        context.getLogger("com.pi4j.boardinfo").setLevel(Level.OFF);

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("stdout");
        console.setEncoder(encoder(context, LineLayout.stdout()));
        console.start();
        root.addAppender(console);

        String dir = System.getProperty("continuum.log.dir");
        if (dir != null) {
            root.addAppender(file(context, dir));
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static RollingFileAppender<ILoggingEvent> file(LoggerContext context, String dir) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("file");
        file.setFile(dir + "/continuum.log");
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(file);
        policy.setFileNamePattern(dir + "/continuum.%d{yyyy-MM-dd}.%i.log.gz");
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.setMaxHistory(7);
        policy.setTotalSizeCap(FileSize.valueOf("200MB"));
        policy.start();
        file.setRollingPolicy(policy);
        file.setEncoder(encoder(context, LineLayout.file()));
        file.start();
        return file;
    }

    private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context, LineLayout layout) {
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }
}
