package dev.continuum.cloud.mqtt.internal.transport;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paho's log messages on slf4j, cheaply. Paho asks its {@code LoggerFactory} for a new logger on every token, so
 * on every publish; its default (java.util.logging) looks a JUL logger up each time, which showed in the
 * gateway's CPU profile. This one keeps one slf4j logger per Paho class and formats a message only when its
 * level is enabled: SEVERE is error, WARNING warn, INFO info, CONFIG and FINE debug, FINER and FINEST trace.
 * The levels are Paho's (1 SEVERE to 7 FINEST, the same in its MQTT 3.1.1 and 5 clients).
 *
 * @see PahoLogging
 */
abstract class PahoLog {

    private static final int SEVERE = 1;
    private static final int WARNING = 2;
    private static final int INFO = 3;
    private static final int CONFIG = 4;
    private static final int FINE = 5;

    private static final ConcurrentMap<String, Logger> LOGGERS = new ConcurrentHashMap<>();

    private static final Logger DEFAULT = LoggerFactory.getLogger("org.eclipse.paho");

    private Logger log = DEFAULT; // Paho makes a logger per token: no lookup until it initialises this one
    private ResourceBundle catalog;

    public void initialise(ResourceBundle messageCatalog, String loggerId, String resourceName) {
        this.catalog = messageCatalog;
        this.log = LOGGERS.computeIfAbsent(loggerId, LoggerFactory::getLogger);
    }

    public void setResourceName(String name) {
        // the client id Paho passes here is part of its own messages where it matters
    }

    public boolean isLoggable(int level) {
        return switch (level) {
            case SEVERE -> log.isErrorEnabled();
            case WARNING -> log.isWarnEnabled();
            case INFO -> log.isInfoEnabled();
            case CONFIG, FINE -> log.isDebugEnabled();
            default -> log.isTraceEnabled();
        };
    }

    public void severe(String sourceClass, String sourceMethod, String msg) {
        log(SEVERE, sourceClass, sourceMethod, msg, null, null);
    }

    public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(SEVERE, sourceClass, sourceMethod, msg, inserts, null);
    }

    public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(SEVERE, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    public void warning(String sourceClass, String sourceMethod, String msg) {
        log(WARNING, sourceClass, sourceMethod, msg, null, null);
    }

    public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(WARNING, sourceClass, sourceMethod, msg, inserts, null);
    }

    public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(WARNING, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    public void info(String sourceClass, String sourceMethod, String msg) {
        log(INFO, sourceClass, sourceMethod, msg, null, null);
    }

    public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(INFO, sourceClass, sourceMethod, msg, inserts, null);
    }

    public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(INFO, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    public void config(String sourceClass, String sourceMethod, String msg) {
        log(CONFIG, sourceClass, sourceMethod, msg, null, null);
    }

    public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(CONFIG, sourceClass, sourceMethod, msg, inserts, null);
    }

    public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(CONFIG, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    public void fine(String sourceClass, String sourceMethod, String msg) {
        log(FINE, sourceClass, sourceMethod, msg, null, null);
    }

    public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(FINE, sourceClass, sourceMethod, msg, inserts, null);
    }

    public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(FINE, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    public void finer(String sourceClass, String sourceMethod, String msg) {
        log(FINE + 1, sourceClass, sourceMethod, msg, null, null);
    }

    public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(FINE + 1, sourceClass, sourceMethod, msg, inserts, null);
    }

    public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(FINE + 1, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    public void finest(String sourceClass, String sourceMethod, String msg) {
        log(FINE + 2, sourceClass, sourceMethod, msg, null, null);
    }

    public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(FINE + 2, sourceClass, sourceMethod, msg, inserts, null);
    }

    public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(FINE + 2, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    public void trace(int level, String sourceClass, String sourceMethod, String msg, Object[] inserts,
            Throwable thrown) {
        log(level, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    public void log(int level, String sourceClass, String sourceMethod, String msg, Object[] inserts,
            Throwable thrown) {
        if (!isLoggable(level)) {
            return;
        }
        String text = sourceMethod + ": " + formatMessage(msg, inserts);
        switch (level) {
            case SEVERE -> log.error(text, thrown);
            case WARNING -> log.warn(text, thrown);
            case INFO -> log.info(text, thrown);
            case CONFIG, FINE -> log.debug(text, thrown);
            default -> log.trace(text, thrown);
        }
    }

    /** The catalog's text for the message id with the inserts filled in; an id not in it, with its inserts. */
    public String formatMessage(String msg, Object[] inserts) {
        String pattern = null;
        if (catalog != null && msg != null) {
            try {
                pattern = catalog.getString(msg);
            } catch (MissingResourceException e) {
                // a trace message id: Paho's catalog holds only some
            }
        }
        if (pattern == null) {
            return inserts == null || inserts.length == 0 ? msg : msg + " " + Arrays.toString(inserts);
        }
        if (inserts == null) {
            return msg + " " + pattern;
        }
        try {
            return msg + " " + MessageFormat.format(pattern, inserts);
        } catch (IllegalArgumentException e) { // a pattern its inserts do not fit: never an exception into Paho's thread
            return msg + " " + pattern + " " + Arrays.toString(inserts);
        }
    }

    public void dumpTrace() {
        // no trace buffer: every message went to slf4j when its level was enabled
    }
}
