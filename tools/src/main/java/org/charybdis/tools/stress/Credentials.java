package org.charybdis.tools.stress;

/** The role a session logs in as; {@link #NONE} for servers without authentication. */
record Credentials(String user, String password) {
    static final Credentials NONE = new Credentials(null, null);

    boolean present() {
        return user != null;
    }
}
