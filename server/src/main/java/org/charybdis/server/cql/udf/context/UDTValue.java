package org.charybdis.server.cql.udf.context;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A user-defined type's value as a Java UDF takes, builds and returns it (Cassandra's {@code UDTValue}): the
 * fields of {@link FieldValues} by position, and each also by field name.
 */
public final class UDTValue extends FieldValues<UDTValue> {
    private final List<String> fieldNames;

    /** Made by the server and {@link UDFContext}; see {@link FieldValues} for the other arguments. */
    public UDTValue(String typeName, List<String> fieldNames, List<String> cqlTypes, List<Class<?>> javaTypes, Object[] values) {
        super(typeName, cqlTypes, javaTypes, values);
        this.fieldNames = List.copyOf(fieldNames);
    }

    public boolean getBool(String name) {
        return getBool(indexOf(name));
    }

    public byte getByte(String name) {
        return getByte(indexOf(name));
    }

    public short getShort(String name) {
        return getShort(indexOf(name));
    }

    public int getInt(String name) {
        return getInt(indexOf(name));
    }

    public long getLong(String name) {
        return getLong(indexOf(name));
    }

    public long getTime(String name) {
        return getTime(indexOf(name));
    }

    public float getFloat(String name) {
        return getFloat(indexOf(name));
    }

    public double getDouble(String name) {
        return getDouble(indexOf(name));
    }

    public Date getTimestamp(String name) {
        return getTimestamp(indexOf(name));
    }

    public LocalDate getDate(String name) {
        return getDate(indexOf(name));
    }

    public ByteBuffer getBytes(String name) {
        return getBytes(indexOf(name));
    }

    public String getString(String name) {
        return getString(indexOf(name));
    }

    public BigInteger getVarint(String name) {
        return getVarint(indexOf(name));
    }

    public BigDecimal getDecimal(String name) {
        return getDecimal(indexOf(name));
    }

    public UUID getUUID(String name) {
        return getUUID(indexOf(name));
    }

    public InetAddress getInet(String name) {
        return getInet(indexOf(name));
    }

    public Duration getDuration(String name) {
        return getDuration(indexOf(name));
    }

    public UDTValue getUDTValue(String name) {
        return getUDTValue(indexOf(name));
    }

    public TupleValue getTupleValue(String name) {
        return getTupleValue(indexOf(name));
    }

    public Object getObject(String name) {
        return getObject(indexOf(name));
    }

    public boolean isNull(String name) {
        return isNull(indexOf(name));
    }

    public <V> V get(String name, Class<V> type) {
        return get(indexOf(name), type);
    }

    public <E> List<E> getList(String name, Class<E> elementType) {
        return getList(indexOf(name), elementType);
    }

    public <E> Set<E> getSet(String name, Class<E> elementType) {
        return getSet(indexOf(name), elementType);
    }

    public <K, V> Map<K, V> getMap(String name, Class<K> keyType, Class<V> valueType) {
        return getMap(indexOf(name), keyType, valueType);
    }

    public UDTValue setBool(String name, boolean v) {
        return setBool(indexOf(name), v);
    }

    public UDTValue setByte(String name, byte v) {
        return setByte(indexOf(name), v);
    }

    public UDTValue setShort(String name, short v) {
        return setShort(indexOf(name), v);
    }

    public UDTValue setInt(String name, int v) {
        return setInt(indexOf(name), v);
    }

    public UDTValue setLong(String name, long v) {
        return setLong(indexOf(name), v);
    }

    public UDTValue setTime(String name, long v) {
        return setTime(indexOf(name), v);
    }

    public UDTValue setFloat(String name, float v) {
        return setFloat(indexOf(name), v);
    }

    public UDTValue setDouble(String name, double v) {
        return setDouble(indexOf(name), v);
    }

    public UDTValue setTimestamp(String name, Date v) {
        return setTimestamp(indexOf(name), v);
    }

    public UDTValue setDate(String name, LocalDate v) {
        return setDate(indexOf(name), v);
    }

    public UDTValue setBytes(String name, ByteBuffer v) {
        return setBytes(indexOf(name), v);
    }

    public UDTValue setString(String name, String v) {
        return setString(indexOf(name), v);
    }

    public UDTValue setVarint(String name, BigInteger v) {
        return setVarint(indexOf(name), v);
    }

    public UDTValue setDecimal(String name, BigDecimal v) {
        return setDecimal(indexOf(name), v);
    }

    public UDTValue setUUID(String name, UUID v) {
        return setUUID(indexOf(name), v);
    }

    public UDTValue setInet(String name, InetAddress v) {
        return setInet(indexOf(name), v);
    }

    public UDTValue setDuration(String name, Duration v) {
        return setDuration(indexOf(name), v);
    }

    public UDTValue setUDTValue(String name, UDTValue v) {
        return setUDTValue(indexOf(name), v);
    }

    public UDTValue setTupleValue(String name, TupleValue v) {
        return setTupleValue(indexOf(name), v);
    }

    public <E> UDTValue setList(String name, List<E> v) {
        return setList(indexOf(name), v);
    }

    public <E> UDTValue setSet(String name, Set<E> v) {
        return setSet(indexOf(name), v);
    }

    public <K, V> UDTValue setMap(String name, Map<K, V> v) {
        return setMap(indexOf(name), v);
    }

    public UDTValue setToNull(String name) {
        return setToNull(indexOf(name));
    }

    @Override
    UDTValue self() {
        return this;
    }

    /** {@code {x:5,name:'a'}}, as Cassandra shows it. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < size(); i++) {
            s.append(i == 0 ? "" : ",").append(fieldNames.get(i)).append(':').append(literal(getObject(i)));
        }
        return s.append('}').toString();
    }

    private int indexOf(String name) {
        int i = fieldNames.indexOf(name);
        if (i < 0) throw new IllegalArgumentException(name + " is not a field defined in this UDT");
        return i;
    }
}
