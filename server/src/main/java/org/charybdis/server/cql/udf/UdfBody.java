package org.charybdis.server.cql.udf;

/** What every compiled Java UDF class implements: its body, called with the arguments as Java values. */
public interface UdfBody {
    Object execute(Object[] arguments);
}
