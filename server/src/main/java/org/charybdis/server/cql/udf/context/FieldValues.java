package org.charybdis.server.cql.udf.context;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The values of a UDT or tuple as a Java UDF reads and writes them by position, with the getters and setters
 * of Cassandra's UDF values. Each field holds the Java value a UDF sees for its CQL type (a nested UDT is a
 * {@link UDTValue}); reading or writing it as another Java type fails as in Cassandra, and a null field reads
 * as 0 or false through the primitive getters. Only JDK types and this package's appear in the signatures:
 * the UDF compiler resolves nothing else.
 *
 * @param <T> the concrete class, which the setters return
 */
public abstract class FieldValues<T extends FieldValues<T>> {
    private final String typeName;
    private final List<String> cqlTypes;
    private final List<Class<?>> javaTypes;
    private final Object[] values;

    /**
     * @param typeName  as {@code getType()} shows it: {@code frozen<tuple<int, text>>}
     * @param cqlTypes  each field's CQL type name
     * @param javaTypes each field's Java class as a UDF sees it (boxed)
     */
    FieldValues(String typeName, List<String> cqlTypes, List<Class<?>> javaTypes, Object[] values) {
        this.typeName = typeName;
        this.cqlTypes = List.copyOf(cqlTypes);
        this.javaTypes = List.copyOf(javaTypes);
        this.values = values.clone();
    }

    /** The type as CQL writes it. */
    public String getType() {
        return typeName;
    }

    /** The values by position, as the server serializes them. */
    public List<Object> values() {
        return Arrays.asList(values.clone());
    }

    public boolean isNull(int i) {
        return values[i] == null;
    }

    public Object getObject(int i) {
        return values[i];
    }

    public <V> V get(int i, Class<V> type) {
        return type.cast(checked(i, type));
    }

    public boolean getBool(int i) {
        Boolean v = get(i, Boolean.class);
        return v != null && v;
    }

    public byte getByte(int i) {
        Byte v = get(i, Byte.class);
        return v == null ? 0 : v;
    }

    public short getShort(int i) {
        Short v = get(i, Short.class);
        return v == null ? 0 : v;
    }

    public int getInt(int i) {
        Integer v = get(i, Integer.class);
        return v == null ? 0 : v;
    }

    public long getLong(int i) {
        Long v = get(i, Long.class);
        return v == null ? 0 : v;
    }

    public long getTime(int i) {
        return getLong(i);
    }

    public float getFloat(int i) {
        Float v = get(i, Float.class);
        return v == null ? 0 : v;
    }

    public double getDouble(int i) {
        Double v = get(i, Double.class);
        return v == null ? 0 : v;
    }

    public Date getTimestamp(int i) {
        return get(i, Date.class);
    }

    public LocalDate getDate(int i) {
        return get(i, LocalDate.class);
    }

    public ByteBuffer getBytes(int i) {
        ByteBuffer v = get(i, ByteBuffer.class);
        return v == null ? null : v.duplicate();
    }

    public String getString(int i) {
        return get(i, String.class);
    }

    public BigInteger getVarint(int i) {
        return get(i, BigInteger.class);
    }

    public BigDecimal getDecimal(int i) {
        return get(i, BigDecimal.class);
    }

    public UUID getUUID(int i) {
        return get(i, UUID.class);
    }

    public InetAddress getInet(int i) {
        return get(i, InetAddress.class);
    }

    public Duration getDuration(int i) {
        return get(i, Duration.class);
    }

    @SuppressWarnings("unchecked")
    public <E> List<E> getList(int i, Class<E> elementType) {
        return (List<E>) get(i, List.class);
    }

    @SuppressWarnings("unchecked")
    public <E> Set<E> getSet(int i, Class<E> elementType) {
        return (Set<E>) get(i, Set.class);
    }

    @SuppressWarnings("unchecked")
    public <K, V> Map<K, V> getMap(int i, Class<K> keyType, Class<V> valueType) {
        return (Map<K, V>) get(i, Map.class);
    }

    public UDTValue getUDTValue(int i) {
        return get(i, UDTValue.class);
    }

    public TupleValue getTupleValue(int i) {
        return get(i, TupleValue.class);
    }

    public <V> T set(int i, V value, Class<V> type) {
        if (value != null) check(i, type);
        values[i] = value;
        return self();
    }

    public T setToNull(int i) {
        values[i] = null;
        return self();
    }

    public T setBool(int i, boolean v) {
        return set(i, v, Boolean.class);
    }

    public T setByte(int i, byte v) {
        return set(i, v, Byte.class);
    }

    public T setShort(int i, short v) {
        return set(i, v, Short.class);
    }

    public T setInt(int i, int v) {
        return set(i, v, Integer.class);
    }

    public T setLong(int i, long v) {
        return set(i, v, Long.class);
    }

    public T setTime(int i, long v) {
        return setLong(i, v);
    }

    public T setFloat(int i, float v) {
        return set(i, v, Float.class);
    }

    public T setDouble(int i, double v) {
        return set(i, v, Double.class);
    }

    public T setTimestamp(int i, Date v) {
        return set(i, v, Date.class);
    }

    public T setDate(int i, LocalDate v) {
        return set(i, v, LocalDate.class);
    }

    public T setBytes(int i, ByteBuffer v) {
        return set(i, v, ByteBuffer.class);
    }

    public T setString(int i, String v) {
        return set(i, v, String.class);
    }

    public T setVarint(int i, BigInteger v) {
        return set(i, v, BigInteger.class);
    }

    public T setDecimal(int i, BigDecimal v) {
        return set(i, v, BigDecimal.class);
    }

    public T setUUID(int i, UUID v) {
        return set(i, v, UUID.class);
    }

    public T setInet(int i, InetAddress v) {
        return set(i, v, InetAddress.class);
    }

    public T setDuration(int i, Duration v) {
        return set(i, v, Duration.class);
    }

    public <E> T setList(int i, List<E> v) {
        return set(i, v, List.class);
    }

    public <E> T setSet(int i, Set<E> v) {
        return set(i, v, Set.class);
    }

    public <K, V> T setMap(int i, Map<K, V> v) {
        return set(i, v, Map.class);
    }

    public T setUDTValue(int i, UDTValue v) {
        return set(i, v, UDTValue.class);
    }

    public T setTupleValue(int i, TupleValue v) {
        return set(i, v, TupleValue.class);
    }

    abstract T self();

    /** Equal when of the same type with equal values, so that sets and map keys of UDTs and tuples work in a body. */
    @Override
    public boolean equals(Object o) {
        return o instanceof FieldValues<?> other && other.getClass() == getClass() && other.typeName.equals(typeName)
                && Arrays.equals(other.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * typeName.hashCode() + Arrays.hashCode(values);
    }

    /** A field's value as CQL writes it within a UDT or tuple literal, as Cassandra's {@code toString} shows it. */
    static String literal(Object value) {
        return switch (value) {
            case null -> "NULL";
            case String s -> "'" + s.replace("'", "''") + "'";
            case Date d -> Long.toString(d.getTime());
            case List<?> list -> joined(list, "[", "]");
            case Set<?> set -> joined(set, "{", "}");
            case Map<?, ?> map -> {
                StringBuilder s = new StringBuilder("{");
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    s.append(s.length() == 1 ? "" : ",").append(literal(e.getKey())).append(':').append(literal(e.getValue()));
                }
                yield s.append('}').toString();
            }
            default -> value.toString();
        };
    }

    private static String joined(Iterable<?> values, String open, String close) {
        StringBuilder s = new StringBuilder(open);
        for (Object v : values) s.append(s.length() == open.length() ? "" : ",").append(literal(v));
        return s.append(close).toString();
    }

    int size() {
        return values.length;
    }

    private Object checked(int i, Class<?> type) {
        Object value = values[i];
        if (value != null) check(i, type);
        return value;
    }

    private void check(int i, Class<?> type) {
        if (!type.isAssignableFrom(javaTypes.get(i)) && !javaTypes.get(i).isAssignableFrom(type)) {
            throw new CodecNotFoundException(cqlTypes.get(i), type);
        }
    }
}
