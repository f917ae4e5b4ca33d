package org.charybdis.cql.syntax;

/** A permission name of GRANT, REVOKE and LIST. */
public enum Permission {
    CREATE, ALTER, DROP, SELECT, MODIFY, AUTHORIZE, DESCRIBE, EXECUTE, UNMASK, SELECT_MASKED
}
