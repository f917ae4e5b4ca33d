package org.charybdis.server.cql.udf;

import org.charybdis.server.cql.udf.context.UDFContext;

/** What every compiled Java UDF class implements: its body, called with its {@code udfContext} and the arguments as Java values. */
public interface UdfBody {
    Object execute(UDFContext context, Object[] arguments);
}
