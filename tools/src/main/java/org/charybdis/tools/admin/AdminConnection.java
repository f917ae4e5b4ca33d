package org.charybdis.tools.admin;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How a command reaches a node's REST admin API, with nodetool's global options ({@code -h}, {@code -p}, {@code -u},
 * {@code -pw}, {@code -pwf}) and the API's TLS: shared by {@code charybdis admin} and {@code charybdis top}.
 */
public final class AdminConnection {
    @Option(names = {"-h", "--host", "-H", "--api-host"}, defaultValue = "127.0.0.1", description = "Node's admin API host (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = {"-p", "--port", "--api-port"}, defaultValue = "10000", description = "Node's admin API port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = {"-u", "--username", "--user"}, description = "Role to authenticate as when the node sets api_authentication: password "
            + "(default: the CHARYBDIS_API_USER environment variable)")
    String user;

    @Option(names = {"-pw", "--password"}, description = "Password of --username (default: the CHARYBDIS_API_PASSWORD environment variable)")
    String password;

    @Option(names = {"-pwf", "--password-file"}, paramLabel = "<file>",
            description = "File holding the password, as nodetool's: lines of '<username> <password>' (without --username: the first line's)")
    Path passwordFile;

    @Option(names = "--api-tls", description = "Use HTTPS (the node has api_encryption_options enabled)")
    boolean tls;

    @Option(names = "--api-cacert", paramLabel = "<file>",
            description = "With --api-tls: the CA certificate(s) that signed the node's (PEM file or keystore); default: the JDK's trusted CAs")
    Path caCertificates;

    @Option(names = "--api-cacert-password", paramLabel = "<password>", defaultValue = "", description = "Password of --api-cacert when it is a keystore")
    String caPassword;

    /** A client for the node these options name; credentials from the options, a password file or the environment. */
    public AdminClient client() throws IOException {
        String role = user != null ? user : System.getenv("CHARYBDIS_API_USER");
        String secret = password != null ? password : System.getenv("CHARYBDIS_API_PASSWORD");
        if (passwordFile != null) {
            PasswordFile.Login login = PasswordFile.read(passwordFile, user);
            role = login.user();
            secret = login.password();
        }
        return new AdminClient(host, port, tls ? AdminClient.sslContext(caCertificates, caPassword) : null,
                role == null || role.isEmpty() ? null : role, secret == null ? "" : secret);
    }

    /** The node's admin API as {@code host:port}, for a title line. */
    public String address() {
        return host + ":" + port;
    }
}
