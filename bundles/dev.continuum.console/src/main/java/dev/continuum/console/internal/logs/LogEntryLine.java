package dev.continuum.console.internal.logs;

/**
 * One entry of the gateway's log: its header line and any continuation lines (a stack trace) in
 * {@code message}.
 *
 * @param sequence its number in the tail (1, 2, ...), 0 before it is kept
 * @param time as written (ISO-8601 local time with milliseconds)
 * @param level its level
 * @param thread the thread that logged it
 * @param logger the logger's name
 * @param message the message, with continuation lines after newlines
 */
public record LogEntryLine(long sequence, String time, LogLevel level, String thread, String logger, String message) {

    LogEntryLine numbered(long number) {
        return new LogEntryLine(number, time, level, thread, logger, message);
    }
}
