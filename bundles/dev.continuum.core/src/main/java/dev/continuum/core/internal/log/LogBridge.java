package dev.continuum.core.internal.log;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards entries of the OSGi Log Service (where the framework, SCR and ConfigAdmin log) to the
 * gateway's log, under the logger name {@code osgi.BUNDLE}.
 */
@Component(service = {}, immediate = true)
public final class LogBridge implements LogListener {

    private final LogReaderService reader;

    @Activate
    public LogBridge(@Reference LogReaderService reader) {
        this.reader = reader;
        reader.addLogListener(this);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        String bundle = entry.getBundle() == null ? "framework" : entry.getBundle().getSymbolicName();
        Logger logger = LoggerFactory.getLogger("osgi." + bundle);
        String message = entry.getMessage();
        Throwable error = entry.getException();
        if (isEventEcho(message) && error == null) {
            // The Log Service echoes every bundle, service and framework event at INFO: detail, not news.
            logger.trace(message);
            return;
        }
        switch (entry.getLogLevel()) {
            case AUDIT, ERROR -> logger.error(message, error);
            case WARN -> logger.warn(message, error);
            case INFO -> logger.info(message, error);
            case DEBUG -> logger.debug(message, error);
            default -> logger.trace(message, error);
        }
    }

    private static boolean isEventEcho(String message) {
        return message != null && (message.startsWith("ServiceEvent ") || message.startsWith("BundleEvent ")
                || message.startsWith("FrameworkEvent "));
    }
}
