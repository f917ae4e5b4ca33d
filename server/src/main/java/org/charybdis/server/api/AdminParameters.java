package org.charybdis.server.api;

import org.charybdis.server.http.HttpEndpoint.Request;

import java.util.List;

/** Query parameters of admin routes read by their type, a bad value answered with a {@link BadAdminRequest} naming it. */
final class AdminParameters {
    private AdminParameters() {}

    /** A whole number in [min, max]; {@code defaultValue} when not given. */
    static long number(Request request, String name, long defaultValue, long min, long max) {
        List<String> given = request.parameters().getOrDefault(name, List.of());
        if (given.isEmpty() || given.getFirst().isBlank()) return defaultValue;
        try {
            long value = Long.parseLong(given.getFirst().strip());
            if (value >= min && value <= max) return value;
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new BadAdminRequest("Invalid " + name + " '" + given.getFirst() + "': use a whole number from " + min + " to " + max);
    }

    /** true or false (any case); {@code defaultValue} when not given. */
    static boolean bool(Request request, String name, boolean defaultValue) {
        List<String> given = request.parameters().getOrDefault(name, List.of());
        if (given.isEmpty() || given.getFirst().isBlank()) return defaultValue;
        String value = given.getFirst().strip();
        if (value.equalsIgnoreCase("true")) return true;
        if (value.equalsIgnoreCase("false")) return false;
        throw new BadAdminRequest("Invalid " + name + " '" + value + "': use true or false");
    }
}
