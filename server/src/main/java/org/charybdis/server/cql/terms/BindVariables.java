package org.charybdis.server.cql.terms;

import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.types.CqlType;
import org.charybdis.server.schema.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what each bind marker of a statement receives (name and type), for the PREPARED result
 * metadata. Markers are numbered in order of appearance. It also knows the schema the statement compiles
 * against, so that terms can look up the user types their type hints name.
 */
public final class BindVariables {
    private final ColumnSpec[] specs;
    private final String keyspace;
    private final String table;
    private final Schema schema;

    public BindVariables(int count, String keyspace, String table) {
        this(count, keyspace, table, null);
    }

    /** @param schema the schema of the statement's keyspace and table; null where no user type can be named */
    public BindVariables(int count, String keyspace, String table, Schema schema) {
        this.specs = new ColumnSpec[count];
        this.keyspace = keyspace;
        this.table = table;
        this.schema = schema;
    }

    public String keyspace() {
        return keyspace;
    }

    /** The schema the statement compiles against, or null. */
    public Schema schema() {
        return schema;
    }

    public void set(int index, String receiverName, CqlType type) {
        specs[index] = new ColumnSpec(keyspace, table, receiverName, type);
    }

    public ColumnSpec get(int index) {
        return specs[index];
    }

    public List<ColumnSpec> specs() {
        List<ColumnSpec> list = new ArrayList<>(specs.length);
        for (int i = 0; i < specs.length; i++) {
            if (specs[i] == null) throw new IllegalStateException("bind marker " + i + " has no receiver");
            list.add(specs[i]);
        }
        return List.copyOf(list);
    }
}
