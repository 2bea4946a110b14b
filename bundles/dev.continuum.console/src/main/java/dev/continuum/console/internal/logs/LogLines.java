package dev.continuum.console.internal.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text appended to the log file into entries. The launcher's file pattern is
 * {@code %d{ISO8601} %-5level [%thread] %logger - %msg%n}; a line that does not start like that continues
 * the entry before it (a stack trace). Text after the last newline waits for the next feed.
 */
final class LogLines {

    private static final Pattern HEADER = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}[,.]\\d{3}) (TRACE|DEBUG|INFO|WARN|ERROR) +\\[(.*?)] (\\S+) - (.*)");

    private final StringBuilder partial = new StringBuilder();
    private boolean skipFirst;
    private LogLevel lastLevel = LogLevel.INFO;

    /** Forgets the partial line; with {@code skip}, the next line is dropped (reading started mid-line). */
    void skipToNextLine(boolean skip) {
        partial.setLength(0);
        skipFirst = skip;
    }

    List<LogEntryLine> feed(String text) {
        partial.append(text);
        List<LogEntryLine> out = new ArrayList<>();
        LogEntryLine pending = null;
        int start = 0;
        for (int newline = partial.indexOf("\n"); newline >= 0; newline = partial.indexOf("\n", start)) {
            String line = partial.substring(start, newline);
            start = newline + 1;
            if (skipFirst) {
                skipFirst = false;
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                if (pending != null) {
                    out.add(pending);
                }
                lastLevel = LogLevel.valueOf(header.group(2));
                pending = new LogEntryLine(0, header.group(1), lastLevel, header.group(3), header.group(4),
                        header.group(5));
            } else if (pending != null) {
                pending = new LogEntryLine(0, pending.time(), pending.level(), pending.thread(), pending.logger(),
                        pending.message() + "\n" + line);
            } else if (!line.isBlank()) {
                out.add(new LogEntryLine(0, "", lastLevel, "", "", line));
            }
        }
        partial.delete(0, start);
        if (pending != null) {
            out.add(pending);
        }
        return out;
    }
}
