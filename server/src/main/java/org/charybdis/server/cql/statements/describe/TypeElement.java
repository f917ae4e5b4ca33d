package org.charybdis.server.cql.statements.describe;

import org.charybdis.cql.types.UserType;

/** A user-defined type as DESCRIBE shows it: one field per line, in declaration order. */
record TypeElement(UserType type) implements SchemaElement {

    @Override
    public String keyspace() {
        return type.keyspace();
    }

    @Override
    public String kind() {
        return "type";
    }

    @Override
    public String name() {
        return type.name();
    }

    @Override
    public String createStatement(boolean withInternals) {
        StringBuilder out = new StringBuilder("CREATE TYPE ").append(CqlText.qualified(type.keyspace(), type.name())).append(" (\n");
        for (int i = 0; i < type.size(); i++) {
            out.append("    ").append(CqlText.name(type.fieldNames().get(i))).append(' ').append(type.fieldTypes().get(i).cqlName());
            out.append(i + 1 < type.size() ? ",\n" : "\n");
        }
        return out.append(");").toString();
    }
}
