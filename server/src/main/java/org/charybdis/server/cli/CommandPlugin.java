package org.charybdis.server.cli;

/**
 * A subcommand of {@code charybdis} contributed by another module (the tools: admin, stress, ...),
 * found with {@link java.util.ServiceLoader}. The returned object is a picocli {@code @Command}.
 */
public interface CommandPlugin {
    Object command();
}
