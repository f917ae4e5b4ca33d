package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * {@code vector<T, n>}: exactly n non-null elements, always frozen. Elements of a fixed-size type
 * are packed back to back; others each carry an unsigned vint length.
 */
public final class VectorType implements CqlType {
    private final CqlType elementType;
    private final int dimension;
    private final int elementSize;

    private VectorType(CqlType elementType, int dimension) {
        this.elementType = elementType;
        this.dimension = dimension;
        this.elementSize = elementType.valueLengthIfFixed();
    }

    public static VectorType of(CqlType elementType, int dimension) {
        if (dimension <= 0) {
            throw new InvalidTypeException("vectors may only have positive dimensions; given " + dimension);
        }
        if (elementType.isCounter()) {
            throw new InvalidTypeException("vectors may not use counter as their element type");
        }
        return new VectorType(elementType.freeze(), dimension);
    }

    public CqlType elementType() {
        return elementType;
    }

    public int dimension() {
        return dimension;
    }

    @Override
    public List<CqlType> subTypes() {
        return List.of(elementType);
    }

    @Override
    public int valueLengthIfFixed() {
        return elementSize > 0 ? elementSize * dimension : -1;
    }

    @Override
    public String cqlName() {
        return "vector<" + elementType.cqlName() + ", " + dimension + ">";
    }

    @Override
    public String marshalClassName() {
        return NativeType.MARSHAL_PACKAGE + "VectorType(" + elementType.marshalClassName() + "," + dimension + ")";
    }

    /** Accepts a List (or any Collection) of exactly {@code dimension} non-null elements, or a float[] for floats. */
    @Override
    public ByteBuffer serialize(Object value) {
        if (value == null) {
            return null;
        }
        List<?> elements = switch (value) {
            case float[] floats -> boxed(floats);
            case List<?> list -> list;
            case Iterable<?> iterable -> copy(iterable);
            default -> throw new MarshalException("Expected a List for " + cqlName() + ", got " + NumberCodecs.describe(value));
        };
        if (elements.size() != dimension) {
            throw new MarshalException("Invalid number of elements in " + cqlName() + ": expected " + dimension
                    + " but got " + elements.size());
        }
        List<ByteBuffer> items = new ArrayList<>(dimension);
        int size = 0;
        for (Object element : elements) {
            if (element == null) {
                throw new MarshalException("null is not supported inside vectors");
            }
            ByteBuffer item = elementType.serialize(element);
            size += elementSize > 0 ? item.remaining() : VInts.sizeOfUnsigned(item.remaining()) + item.remaining();
            items.add(item);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (ByteBuffer item : items) {
            if (elementSize <= 0) {
                VInts.writeUnsigned(out, item.remaining());
            }
            out.put(item.duplicate());
        }
        return out.flip();
    }

    @Override
    public List<Object> deserialize(ByteBuffer bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer[] items = split(bytes);
        List<Object> values = new ArrayList<>(dimension);
        for (ByteBuffer item : items) {
            values.add(elementType.deserialize(item));
        }
        return Collections.unmodifiableList(values);
    }

    @Override
    public void validate(ByteBuffer bytes) {
        for (ByteBuffer item : split(bytes)) {
            elementType.validate(item);
        }
    }

    @Override
    public int compare(ByteBuffer a, ByteBuffer b) {
        if (!a.hasRemaining() || !b.hasRemaining()) {
            return Boolean.compare(a.hasRemaining(), b.hasRemaining());
        }
        ByteBuffer[] left = split(a);
        ByteBuffer[] right = split(b);
        for (int i = 0; i < dimension; i++) {
            int c = elementType.compare(left[i], right[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public String toCqlLiteral(ByteBuffer bytes) {
        if (bytes == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("[");
        ByteBuffer[] items = split(bytes);
        for (int i = 0; i < items.length; i++) {
            out.append(i == 0 ? "" : ", ").append(elementType.toCqlLiteral(items[i]));
        }
        return out.append(']').toString();
    }

    @Override
    public ByteBuffer fromString(String text) {
        throw new MarshalException("Cannot parse a vector value from a string; use a vector literal");
    }

    /** The element values (slices of the input), checking the framing and the element count. */
    ByteBuffer[] split(ByteBuffer bytes) {
        ByteBuffer[] items = new ByteBuffer[dimension];
        if (elementSize > 0) {
            if (bytes.remaining() != elementSize * dimension) {
                throw new MarshalException("Expected " + elementSize * dimension + " bytes for " + cqlName()
                        + " but got " + bytes.remaining());
            }
            for (int i = 0; i < dimension; i++) {
                items[i] = bytes.slice(bytes.position() + i * elementSize, elementSize);
            }
            return items;
        }
        int at = bytes.position();
        for (int i = 0; i < dimension; i++) {
            int lengthSize = VInts.lengthAt(bytes, at);
            long length = lengthSize < 0 ? -1 : VInts.readUnsignedAt(bytes, at);
            if (lengthSize < 0 || length > bytes.limit() - at - lengthSize) {
                throw new MarshalException("Not enough bytes to read element " + i + " of " + cqlName());
            }
            items[i] = bytes.slice(at + lengthSize, (int) length);
            at += lengthSize + (int) length;
        }
        if (at != bytes.limit()) {
            throw new MarshalException("Unexpected extraneous bytes after " + cqlName() + " value");
        }
        return items;
    }

    private static List<Object> boxed(float[] floats) {
        List<Object> list = new ArrayList<>(floats.length);
        for (float f : floats) {
            list.add(f);
        }
        return list;
    }

    private static List<Object> copy(Iterable<?> iterable) {
        List<Object> list = new ArrayList<>();
        iterable.forEach(list::add);
        return list;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VectorType other && other.dimension == dimension && other.elementType.equals(elementType);
    }

    @Override
    public int hashCode() {
        return Objects.hash("vector", elementType, dimension);
    }

    @Override
    public String toString() {
        return cqlName();
    }
}
