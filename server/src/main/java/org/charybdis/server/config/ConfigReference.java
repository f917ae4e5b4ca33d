package org.charybdis.server.config;

/**
 * docs/configuration.md, written from the keys themselves ({@code charybdis config-reference}), so the reference
 * cannot drift from what the server reads: every key with its environment variable, Cassandra 4.1 name, default
 * and description.
 */
public final class ConfigReference {
    private ConfigReference() {}

    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n")
          .append("<!-- Written by `bin/charybdis config-reference > docs/configuration.md`; a test keeps it in step. -->\n\n")
          .append("Charybdis reads `conf/charybdis.yaml` (or `--config=FILE`), then `CHARYBDIS_<KEY>` environment variables, ")
          .append("then `--key-name=value` options; each later source wins. Key names follow scylla.yaml where the concept exists. ")
          .append("A key of a section is written nested in YAML (`client_encryption_options:` / `  enabled: true`), ")
          .append("with a dot on the command line (`--client-encryption-options.enabled=true`) and an underscore in the ")
          .append("environment (`CHARYBDIS_CLIENT_ENCRYPTION_OPTIONS_ENABLED=true`).\n\n")
          .append("**Stock cassandra.yaml and scylla.yaml files work.** Cassandra 4.1's names, which carry the unit in the ")
          .append("value, are read for the `_in_ms` and `_in_mb` keys (`read_request_timeout: 5000ms`, `commitlog_segment_size: 32MiB`); ")
          .append("the old keys take units too. Sizes: `B`, `KiB`, `MiB`, `GiB`, `TiB` or `K`, `M`, `G`, `T` (binary), ")
          .append("`kB`, `MB`, `GB` (decimal). Durations: `ns`, `us`, `ms`, `s`, `m`, `h`, `d`. Keys of Cassandra and ")
          .append("ScyllaDB that mean nothing here (`num_tokens`, `seed_provider`, `endpoint_snitch`, hinted handoff, Thrift, ")
          .append("cache and thread-pool sizes, ...) are accepted with one log line each at start-up, except `cdc_enabled` and ")
          .append("`transparent_data_encryption_options` turned on, which stop start-up: Charybdis cannot do them. ")
          .append("Any other key stops start-up with the closest known key suggested.\n\n")
          .append("| Key | Environment variable | Cassandra 4.1 name | Default | Description |\n")
          .append("|---|---|---|---|---|\n");
        for (ConfigKey<?> key : ServerConfig.keys()) {
            String unitless = ServerConfig.unitlessName(key.name());
            md.append("| `").append(key.name()).append("` | `").append(ConfigLoader.environmentVariable(key)).append("` | ")
              .append(unitless.equals(key.name()) ? "" : "`" + unitless + "`").append(" | ")
              .append(defaultText(key)).append(" | ").append(key.description().replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }

    private static String defaultText(ConfigKey<?> key) {
        if (key == ServerConfig.SMP) return "cores";
        Object value = key.defaultValue();
        return value == null || value.toString().isEmpty() ? "" : "`" + value + "`";
    }
}
