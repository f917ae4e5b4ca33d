import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;

import java.net.InetSocketAddress;

/**
 * Runs CQL statements against a node with the Apache Java driver of a built tree, printing the rows of each
 * result (a stand-in for cqlsh in benchmark scripts). Run with the source launcher:
 * <pre>java -cp 'tools/target/lib/*' tools/scripts/Cql.java HOST PORT USER PASSWORD "STATEMENT" ...</pre>
 * USER "-" connects without credentials. Exits 1 on the first failing statement.
 */
public final class Cql {
    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: Cql HOST PORT USER PASSWORD STATEMENT...");
            System.exit(2);
        }
        var builder = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(args[0], Integer.parseInt(args[1])))
                .withLocalDatacenter("datacenter1");
        if (!args[2].equals("-")) builder.withAuthCredentials(args[2], args[3]);
        try (CqlSession session = builder.build()) {
            for (int i = 4; i < args.length; i++) {
                ResultSet rs = session.execute(args[i]);
                for (Row row : rs) {
                    StringBuilder line = new StringBuilder();
                    for (ColumnDefinition column : row.getColumnDefinitions()) {
                        if (!line.isEmpty()) line.append(" | ");
                        line.append(column.getName().asInternal()).append('=').append(row.getObject(column.getName()));
                    }
                    System.out.println(line);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("Cql: " + e);
            System.exit(1);
        }
    }
}
