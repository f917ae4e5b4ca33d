package org.charybdis.server.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.charybdis.server.http.HttpEndpoint.Request;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Log levels at runtime, under ScyllaDB's {@code /system/logger} paths: {@code GET /system/logger} (every logger's
 * name), {@code GET|POST /system/logger/{name}[?level=debug]}, {@code POST /system/logger?level=} (every logger);
 * and, for {@code getlogginglevels} and {@code setlogginglevel} without arguments, {@code GET /system/logger_levels}
 * (the loggers with a level of their own) and {@code DELETE /system/logger} (every level back as configured).
 * Levels are logback's: trace, debug, info, warn, error, off (all).
 */
public final class LoggerRoutes {
    private final LoggerContext loggers;
    /** The level each logger had before the API first changed it (null: it inherited one); guarded by this. */
    private final Map<String, Level> configured = new HashMap<>();

    public LoggerRoutes() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new IllegalStateException("log levels can be changed only with logback as the logging backend");
        }
        this.loggers = context;
    }

    public AdminApi registerOn(AdminApi api) {
        return api.get("/system/logger", () -> loggers.getLoggerList().stream().map(Logger::getName).toList())
                .post("/system/logger", this::setAll)
                .delete("/system/logger", this::reset)
                .get("/system/logger_levels", this::levels)
                .getAsync("/system/logger/{name}", request -> done(level(name(request))))
                .post("/system/logger/{name}", request -> done(set(name(request), level(request))));
    }

    /** The loggers with a level of their own (the root first), as logback's configuration and the API set them. */
    Map<String, String> levels() {
        Map<String, String> levels = new LinkedHashMap<>();
        for (Logger logger : loggers.getLoggerList()) {
            if (logger.getLevel() != null) levels.put(logger.getName(), logger.getLevel().toString());
        }
        return levels;
    }

    /** The logger's effective level, lower case as ScyllaDB answers it. */
    private String level(String name) {
        Logger logger = loggers.exists(name);
        if (logger == null) throw new BadAdminRequest("No logger named '" + name + "'");
        return logger.getEffectiveLevel().toString().toLowerCase(Locale.ROOT);
    }

    private synchronized Map<String, String> set(String name, Level level) {
        Logger logger = loggers.getLogger(name);
        if (!configured.containsKey(logger.getName())) configured.put(logger.getName(), logger.getLevel()); // null: it inherited
        logger.setLevel(level);
        return Map.of("logger", logger.getName(), "level", level.toString());
    }

    private synchronized CompletionStage<Map<String, String>> setAll(Request request) {
        Level level = level(request);
        for (Logger logger : loggers.getLoggerList()) {
            if (logger.getLevel() != null) set(logger.getName(), level);
        }
        return done(Map.of("logger", Logger.ROOT_LOGGER_NAME, "level", level.toString()));
    }

    /** Every level the API changed back to what it was (logback's configuration), as nodetool setlogginglevel without arguments. */
    private synchronized CompletionStage<Map<String, String>> reset(Request request) {
        configured.forEach((name, level) -> loggers.getLogger(name).setLevel(level));
        configured.clear();
        return done(levels());
    }

    private static String name(Request request) {
        return request.parameters().get("name").getFirst();
    }

    private static Level level(Request request) {
        List<String> given = request.parameters().getOrDefault("level", List.of());
        String name = given.isEmpty() ? "" : given.getFirst().strip();
        Level level = Level.toLevel(name, null);
        if (level == null) throw new BadAdminRequest("Invalid log level '" + name + "': use trace, debug, info, warn, error or off");
        return level;
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
