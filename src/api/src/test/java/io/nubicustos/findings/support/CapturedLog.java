package io.nubicustos.findings.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Every log record of the application while it is open, as text: logger, message with its
 * parameters, MDC and every cause in the chain. Leak tests search it for planted values.
 */
public final class CapturedLog implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(record.getLoggerName()).append(' ');
            line.append(record.getParameters() == null ? record.getMessage()
                    : String.format(record.getMessage().replace("{0}", "%s"), record.getParameters()));
            if (record instanceof ExtLogRecord ext) {
                line.append(' ').append(ext.getFormattedMessage()).append(' ').append(ext.getMdcCopy());
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(' ').append(t);
                if (t instanceof java.sql.SQLException sql && sql.getNextException() != null) {
                    line.append(' ').append(sql.getNextException());
                }
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog() {
        Logger.getLogger("").addHandler(handler);
    }

    /** Starts capturing; close to stop. */
    public static CapturedLog start() {
        return new CapturedLog();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Everything captured, one record a line. */
    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
