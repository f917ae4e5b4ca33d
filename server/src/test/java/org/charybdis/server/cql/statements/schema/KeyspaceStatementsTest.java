package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.AlreadyExistsException;
import org.charybdis.cql.exceptions.ConfigurationException;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.SyntaxException;
import org.charybdis.cql.exceptions.UnauthorizedException;
import org.charybdis.cql.messages.SchemaChange;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KeyspaceStatementsTest {
    private final SchemaFixture fixture = new SchemaFixture();

    @Test
    void createStoresQualifiedStrategyAndAnnouncesIt() {
        fixture.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2} AND durable_writes = false");
        assertThat(fixture.schema.keyspace("ks").replication())
                .isEqualTo(Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "2"));
        assertThat(fixture.schema.keyspace("ks").durableWrites()).isFalse();
        assertThat(fixture.lastUpdate.event()).isEqualTo(SchemaChange.keyspace(SchemaChange.Change.CREATED, "ks"));
    }

    @Test
    void networkTopologyExpandsReplicationFactorShorthand() {
        fixture.execute("CREATE KEYSPACE ks WITH replication = {'class': 'NetworkTopologyStrategy', 'replication_factor': 3}");
        assertThat(fixture.schema.keyspace("ks").replication())
                .isEqualTo(Map.of("class", "org.apache.cassandra.locator.NetworkTopologyStrategy", "datacenter1", "3"));
        fixture.execute("CREATE KEYSPACE ks2 WITH replication = {'class': 'org.apache.cassandra.locator.NetworkTopologyStrategy', 'dc1': 1, 'dc2': '2'}");
        assertThat(fixture.schema.keyspace("ks2").replication()).containsEntry("dc1", "1").containsEntry("dc2", "2");
    }

    @Test
    void simpleStrategyDefaultsToOneReplica() {
        fixture.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy'}");
        assertThat(fixture.schema.keyspace("ks").replication()).containsEntry("replication_factor", "1");
    }

    @Test
    void replicationErrorsAreCassandras() {
        assertError("CREATE KEYSPACE s WITH replication = {'replication_factor': 1}", ConfigurationException.class,
                "Missing replication strategy class");
        assertError("CREATE KEYSPACE s WITH replication = {'class': 'Foo'}", ConfigurationException.class,
                "Unable to find replication strategy class 'org.apache.cassandra.locator.Foo'");
        assertError("CREATE KEYSPACE s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 'x'}",
                ConfigurationException.class, "For input string: \"x\"");
        assertError("CREATE KEYSPACE s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': -1}",
                ConfigurationException.class, "Replication factor must be non-negative, found -1");
        assertError("CREATE KEYSPACE s7 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1, 'foo': 'bar'}",
                ConfigurationException.class, "Unrecognized strategy option {foo} passed to SimpleStrategy for keyspace s7");
        assertError("CREATE KEYSPACE s WITH durable_writes = false", InvalidRequestException.class, "Missing mandatory option 'replication'");
        assertError("CREATE KEYSPACE s WITH replication = {'class': 'SimpleStrategy'} AND foo = 1", SyntaxException.class, "Unknown property 'foo'");
        assertError("CREATE KEYSPACE s WITH replication = 1", SyntaxException.class, "Invalid value for property 'replication'. It should be a map.");
        assertError("CREATE KEYSPACE s WITH replication = {'class': 'LocalStrategy'}", InvalidRequestException.class,
                "Unable to use given strategy class: LocalStrategy is reserved for internal use.");
        assertError("CREATE KEYSPACE s WITH replication = {'class': 'SimpleStrategy'} AND durable_writes = 'maybe'", SyntaxException.class,
                "Invalid boolean value maybe for 'durable_writes'. Positive values can be '1', 'true' or 'yes'. Negative values can be '0', 'false' or 'no'.");
        assertError("CREATE KEYSPACE \"Bad-Name\" WITH replication = {'class': 'SimpleStrategy'}", InvalidRequestException.class,
                "Keyspace name must not be empty and must contain alphanumeric or underscore characters only (got \"Bad-Name\")");
    }

    @Test
    void existingKeyspace() {
        fixture.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy'}");
        Throwable error = fixture.error("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy'}");
        assertThat(error).isInstanceOf(AlreadyExistsException.class);
        assertThat(((AlreadyExistsException) error).keyspace()).isEqualTo("ks");
        assertThat(((AlreadyExistsException) error).table()).isEmpty();
        assertThat(fixture.apply("CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'SimpleStrategy'}").event()).isNull();
    }

    @Test
    void alterChangesOnlyWhatIsGiven() {
        fixture.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}");
        fixture.execute("ALTER KEYSPACE ks WITH durable_writes = false");
        assertThat(fixture.schema.keyspace("ks").replication()).containsEntry("replication_factor", "2");
        assertThat(fixture.schema.keyspace("ks").durableWrites()).isFalse();
        assertThat(fixture.lastUpdate.event()).isEqualTo(SchemaChange.keyspace(SchemaChange.Change.UPDATED, "ks"));
        assertError("ALTER KEYSPACE nope WITH durable_writes = true", InvalidRequestException.class, "Keyspace 'nope' doesn't exist");
        assertThat(fixture.apply("ALTER KEYSPACE IF EXISTS nope WITH durable_writes = true").event()).isNull();
    }

    @Test
    void dropRemovesKeyspace() {
        fixture.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy'}");
        fixture.execute("DROP KEYSPACE ks");
        assertThat(fixture.schema.keyspace("ks")).isNull();
        assertThat(fixture.lastUpdate.event()).isEqualTo(SchemaChange.keyspace(SchemaChange.Change.DROPPED, "ks"));
        assertError("DROP KEYSPACE ks", InvalidRequestException.class, "Keyspace 'ks' doesn't exist");
        assertThat(fixture.apply("DROP KEYSPACE IF EXISTS ks").event()).isNull();
    }

    @Test
    void systemKeyspacesAreProtected() {
        assertError("ALTER KEYSPACE system WITH replication = {'class': 'SimpleStrategy'}", UnauthorizedException.class,
                "system keyspace is not user-modifiable.");
        assertError("DROP KEYSPACE system_schema", UnauthorizedException.class, "system_schema keyspace is not user-modifiable.");
        assertError("DROP KEYSPACE system_auth", UnauthorizedException.class, "Cannot DROP <keyspace system_auth>");
        fixture.execute("ALTER KEYSPACE system_auth WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        assertThat(fixture.schema.keyspace("system_auth").tables()).containsKey("roles");
    }

    private void assertError(String cql, Class<? extends Throwable> type, String message) {
        assertThat(fixture.error(cql)).isInstanceOf(type).hasMessage(message);
    }
}
