package org.charybdis.tools.cql;

import picocli.CommandLine;

/** A server address given as {@code host:port} ({@code [::1]:9042} for IPv6); the port defaults to CQL's 9042. */
public record HostAndPort(String host, int port) {
    public static final int DEFAULT_CQL_PORT = 9042;

    public static HostAndPort parse(String text) {
        String host = text.strip();
        int port = DEFAULT_CQL_PORT;
        int colon = host.lastIndexOf(':');
        boolean bracketed = host.startsWith("[");
        if (colon >= 0 && (bracketed ? host.lastIndexOf(']') < colon : host.indexOf(':') == colon)) {
            port = parsePort(text, host.substring(colon + 1));
            host = host.substring(0, colon);
        }
        if (bracketed && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (host.isEmpty()) throw new IllegalArgumentException("'" + text + "' names no host: expected host:port, e.g. 127.0.0.1:9042");
        return new HostAndPort(host, port);
    }

    private static int parsePort(String text, String port) {
        try {
            int value = Integer.parseInt(port);
            if (value >= 1 && value <= 65535) return value;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' has no valid port: expected host:port with a port from 1 to 65535, e.g. 127.0.0.1:9042");
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Lets picocli options take a {@code HostAndPort}; a bad one is reported as a usage error. */
    public static final class Converter implements CommandLine.ITypeConverter<HostAndPort> {
        @Override
        public HostAndPort convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
