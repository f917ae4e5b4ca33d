package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.types.UserType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TypeStatementsTest {
    private final SchemaFixture fixture = SchemaFixture.withKeyspace();

    @Test
    void createAndUseInTables() {
        fixture.execute("CREATE TYPE ks.ty1 (a int, b text)");
        assertThat(fixture.lastUpdate.event()).isEqualTo(new SchemaChange(SchemaChange.Change.CREATED, SchemaChange.Target.TYPE, "ks", "ty1", List.of()));
        fixture.execute("CREATE TYPE ks.ty4 (a int, b frozen<ty1>, c list<int>)");
        UserType ty4 = (UserType) fixture.schema.keyspace("ks").types().get("ty4");
        assertThat(ty4.fieldTypes()).extracting(t -> t.cqlName()).containsExactly("int", "frozen<ty1>", "list<int>");
        fixture.execute("CREATE TABLE ks.t (k int PRIMARY KEY, v ty1, w frozen<ty1>, x list<frozen<ty1>>)");
        assertThat(fixture.schema.table("ks", "t").column("v").type().cqlName()).isEqualTo("ty1");
        assertThat(fixture.schema.table("ks", "t").column("v").type().isMultiCell()).isTrue();
        assertThat(fixture.schema.table("ks", "t").column("x").type().cqlName()).isEqualTo("list<frozen<ty1>>");
    }

    @Test
    void createErrors() {
        fixture.execute("CREATE TYPE ks.ty1 (a int, b text)");
        assertError("CREATE TYPE ks.ty1 (a int)", "A user type with name 'ty1' already exists");
        assertThat(fixture.apply("CREATE TYPE IF NOT EXISTS ks.ty1 (a int)").event()).isNull();
        assertError("CREATE TYPE ks.ty2 (a int, a text)", "Duplicate field name 'a' in type 'ty2'");
        assertError("CREATE TYPE ks.ty3 (a ty1)", "A user type cannot contain non-frozen UDTs");
        assertError("CREATE TYPE ks.ty5 (a counter)", "A user type cannot contain counters");
        assertError("CREATE TABLE ks.t (k ty1 PRIMARY KEY)", "Invalid non-frozen user-defined type \"ks.ty1\" for PRIMARY KEY column 'k'");
        assertError("CREATE TABLE ks.t (k int PRIMARY KEY, x list<ty1>)", "Non-frozen UDTs are not allowed inside collections: list<ty1>");
    }

    @Test
    void alterFollowsIntoTables() {
        fixture.execute("CREATE TYPE ks.ty1 (a int, b text)");
        fixture.execute("CREATE TABLE ks.t (k int PRIMARY KEY, v frozen<ty1>)");
        fixture.execute("ALTER TYPE ks.ty1 ADD c int");
        fixture.execute("ALTER TYPE ks.ty1 RENAME a TO aa");
        UserType updated = (UserType) fixture.schema.keyspace("ks").types().get("ty1");
        assertThat(updated.fieldNames()).containsExactly("aa", "b", "c");
        assertThat(((UserType) fixture.schema.table("ks", "t").column("v").type()).fieldNames()).containsExactly("aa", "b", "c");
        assertError("ALTER TYPE ks.ty1 ADD c int", "Cannot add field c to type ks.ty1: a field with name c already exists");
        assertError("ALTER TYPE ks.ty1 RENAME zz TO aa", "Unkown field zz in user type ks.ty1");
        assertError("ALTER TYPE ks.nope ADD c int", "Type ks.nope doesn't exist");
    }

    @Test
    void dropRefusedWhileInUse() {
        fixture.execute("CREATE TYPE ks.ty1 (a int)");
        fixture.execute("CREATE TYPE ks.ty4 (b frozen<ty1>)");
        assertError("DROP TYPE ks.ty1", "Cannot drop user type 'ks.ty1' as it is still used by user types ty4");
        fixture.execute("DROP TYPE ks.ty4");
        fixture.execute("DROP TYPE ks.ty1");
        assertThat(fixture.schema.keyspace("ks").types()).isEmpty();
        assertError("DROP TYPE ks.nope", "Type 'ks.nope' doesn't exist");
        assertThat(fixture.apply("DROP TYPE IF EXISTS ks.nope").event()).isNull();
    }

    private void assertError(String cql, String message) {
        assertThat(fixture.error(cql)).isInstanceOf(InvalidRequestException.class).hasMessage(message);
    }
}
