package org.charybdis.tools.cql;

/** The role a session logs in as; {@link #NONE} for servers without authentication. */
public record Credentials(String user, String password) {
    public static final Credentials NONE = new Credentials(null, null);

    public boolean present() {
        return user != null;
    }
}
