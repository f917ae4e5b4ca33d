package org.charybdis.server.itests.compat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.data.CqlDuration;
import com.datastax.oss.driver.api.core.data.CqlVector;
import com.datastax.oss.driver.api.core.data.GettableByIndex;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Runs one statement of a {@link CompatibilityScript} and renders its answer as the script's lines: the result
 * columns and rows, or the error. Values render as CQL-like literals, independent of the JVM's time zone.
 */
public final class AnswerRenderer {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.nnnnnnnnn");

    private final CqlSession session;

    public AnswerRenderer(CqlSession session) {
        this.session = session;
    }

    public List<String> answer(CompatibilityScript.Case c) {
        try {
            return rows(c.binds() == null ? session.execute(SimpleStatement.newInstance(c.cql())) : executeBound(c));
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage()).replace("\n", "\\n");
            return List.of("! " + e.getClass().getSimpleName() + ": " + message);
        }
    }

    private ResultSet executeBound(CompatibilityScript.Case c) {
        PreparedStatement prepared = session.prepare(c.cql());
        String[] values = c.binds().isBlank() ? new String[0] : c.binds().split(" \\| ", -1);
        ColumnDefinitions variables = prepared.getVariableDefinitions();
        BoundStatementBuilder bound = prepared.boundStatementBuilder();
        for (int i = 0; i < values.length; i++) {
            String value = values[i].trim();
            if (value.equals("unset")) continue;
            DataType type = variables.get(i).getType();
            TypeCodec<Object> codec = session.getContext().getCodecRegistry().codecFor(type);
            bound.set(i, codec.parse(value), codec);
        }
        for (int i = values.length; i < variables.size(); i++) bound.unset(i);
        return session.execute(bound.build());
    }

    private static List<String> rows(ResultSet result) {
        ColumnDefinitions columns = result.getColumnDefinitions();
        if (columns.size() == 0) return List.of();
        List<String> lines = new ArrayList<>();
        StringJoiner header = new StringJoiner(" | ", "> ", "");
        for (int i = 0; i < columns.size(); i++) header.add(columns.get(i).getName().asInternal());
        lines.add(header.toString());
        for (Row row : result) {
            StringJoiner line = new StringJoiner(" | ", "> ", "");
            for (int i = 0; i < columns.size(); i++) {
                line.add(ttlColumn(columns.get(i).getName().asInternal()) ? ttl(row, i) : value(row, i));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static boolean ttlColumn(String name) {
        return name.startsWith("ttl(");
    }

    /** Remaining TTLs shrink while a test runs: rounded up to tens, 99 and 100 read the same. */
    private static String ttl(Row row, int i) {
        if (row.isNull(i)) return "null";
        int ttl = row.getInt(i);
        return "~" + ((ttl + 9) / 10 * 10);
    }

    private static String value(GettableByIndex data, int i) {
        // the driver decodes a null collection as an empty one: look at the bytes
        if (data.getBytesUnsafe(i) == null) return "null";
        Object value = data.getObject(i);
        return value == null ? "empty" : literal(value); // an empty value (e.g. blobAsInt(0x))
    }

    static String literal(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "'" + s.replace("'", "''") + "'";
            case ByteBuffer b -> "0x" + HexFormat.of().formatHex(bytes(b));
            case InetAddress a -> "'" + a.getHostAddress() + "'";
            case LocalTime t -> "'" + TIME.format(t) + "'";
            case java.time.Instant t -> "'" + t + "'";
            case java.time.LocalDate d -> "'" + d + "'";
            case CqlDuration d -> d.toString();
            case List<?> list -> join(list, "[", "]");
            case Set<?> set -> join(set, "{", "}");
            case Map<?, ?> map -> {
                StringJoiner s = new StringJoiner(", ", "{", "}");
                map.forEach((k, v) -> s.add(literal(k) + ": " + literal(v)));
                yield s.toString();
            }
            case UdtValue udt -> {
                StringJoiner s = new StringJoiner(", ", "{", "}");
                for (int i = 0; i < udt.size(); i++) s.add(udt.getType().getFieldNames().get(i).asInternal() + ": " + value(udt, i));
                yield s.toString();
            }
            case TupleValue tuple -> {
                StringJoiner s = new StringJoiner(", ", "(", ")");
                for (int i = 0; i < tuple.size(); i++) s.add(value(tuple, i));
                yield s.toString();
            }
            case CqlVector<?> vector -> {
                StringJoiner s = new StringJoiner(", ", "[", "]");
                for (Object element : vector) s.add(literal(element));
                yield s.toString();
            }
            default -> value.toString();
        };
    }

    private static String join(Iterable<?> values, String open, String close) {
        StringJoiner s = new StringJoiner(", ", open, close);
        for (Object v : values) s.add(literal(v));
        return s.toString();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return bytes;
    }
}
