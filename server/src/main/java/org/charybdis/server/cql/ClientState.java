package org.charybdis.server.cql;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.transport.ProtocolVersion;

/**
 * What the server knows about one client connection: its protocol version, the logged-in role and
 * the current keyspace ({@code USE}). Owned by the connection's shard thread.
 */
public final class ClientState {
    private final ProtocolVersion version;
    private final int shard;
    private volatile String keyspace;
    private volatile AuthenticatedUser user;
    private volatile java.net.InetAddress source;

    /** A logged-in role: its name and whether it is a superuser. */
    public record AuthenticatedUser(String name, boolean superuser) {
        public static final AuthenticatedUser ANONYMOUS = new AuthenticatedUser("anonymous", true);
    }

    public ClientState(ProtocolVersion version, int shard, AuthenticatedUser user) {
        this.version = version;
        this.shard = shard;
        this.user = user;
    }

    /** State for internal queries (start-up, tools): full rights, no keyspace. */
    public static ClientState internal(ProtocolVersion version) {
        return new ClientState(version, 0, AuthenticatedUser.ANONYMOUS);
    }

    public ProtocolVersion version() { return version; }

    public int shard() { return shard; }

    public String keyspace() { return keyspace; }

    public void setKeyspace(String keyspace) { this.keyspace = keyspace; }

    public AuthenticatedUser user() { return user; }

    public void login(AuthenticatedUser user) { this.user = user; }

    public boolean isLoggedIn() { return user != null; }

    /** The client's address (the audit log records it), or null for internal clients. */
    public java.net.InetAddress source() { return source; }

    public void setSource(java.net.InetAddress source) { this.source = source; }

    /** The keyspace a statement names, or the current one; an error naming the fix if neither. */
    public String keyspaceOr(String named) {
        if (named != null) return named;
        if (keyspace == null) {
            throw new InvalidRequestException("No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename");
        }
        return keyspace;
    }
}
