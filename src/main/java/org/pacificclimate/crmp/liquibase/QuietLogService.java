package org.pacificclimate.crmp.liquibase;

import java.util.logging.Level;

import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;

/**
 * Liquibase's logging for the project's own entry points (Java API, launcher): its per-statement INFO chatter is
 * dropped, warnings go to {@code java.util.logging} logger {@value #LOGGER} as one line each, and errors are left to
 * the exception the caller receives (logging them too would print every failure twice, with a stack trace).
 */
public final class QuietLogService extends AbstractLogService {

    public static final String LOGGER = "org.pacificclimate.crmp.liquibase";

    private static final java.util.logging.Logger JUL = java.util.logging.Logger.getLogger(LOGGER);

    @Override
    public int getPriority() {
        return PRIORITY_NOT_APPLICABLE; // only where a scope installs it
    }

    @Override
    public Logger getLog(Class clazz) {
        return new AbstractLogger() {
            @Override
            public void log(Level level, String message, Throwable e) {
                if (level == Level.WARNING && message != null) {
                    JUL.warning(message.strip());
                }
            }
        };
    }
}
