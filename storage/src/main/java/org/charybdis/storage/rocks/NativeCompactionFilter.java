package org.charybdis.storage.rocks;

import org.rocksdb.AbstractCompactionFilter;
import org.rocksdb.Slice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A RocksDB compaction filter written in Java. RocksJava can only attach filters implemented in C++, so this one is
 * made through RocksDB's C API ({@code rocksdb_compactionfilter_create}, exported by the same library rocksdbjni
 * loads) with a Java upcall (the JDK's foreign function API), and handed to RocksJava as the native
 * {@code CompactionFilter} it is. RocksDB calls it on its compaction threads for every key a compaction writes.
 */
final class NativeCompactionFilter extends AbstractCompactionFilter<Slice> {
    private static final Logger LOG = LoggerFactory.getLogger(NativeCompactionFilter.class);

    /** What a filter does with one key: the same value to keep it, null to remove it, or a new value. */
    @FunctionalInterface
    interface KeyFilter {
        byte[] filter(byte[] key, byte[] value);
    }

    private static final ConcurrentHashMap<Long, KeyFilter> FILTERS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_ID = new AtomicLong(1);
    /** Per compaction thread: where a changed value is handed to RocksDB, which copies it at once. */
    private static final ThreadLocal<MemorySegment[]> NEW_VALUES = ThreadLocal.withInitial(() -> new MemorySegment[1]);
    private static final Natives NATIVES = new Natives();

    private final long id;

    private NativeCompactionFilter(long handle, long id) {
        super(handle);
        this.id = id;
    }

    /** A new filter calling {@code filter} for each key; close it once no column family uses it. */
    static NativeCompactionFilter create(KeyFilter filter) {
        long id = NEXT_ID.getAndIncrement();
        FILTERS.put(id, filter);
        try {
            MemorySegment handle = (MemorySegment) NATIVES.create.invokeExact(MemorySegment.ofAddress(id), NATIVES.destructor,
                    NATIVES.filter, NATIVES.name);
            return new NativeCompactionFilter(handle.address(), id);
        } catch (Throwable e) {
            FILTERS.remove(id);
            throw new IllegalStateException("cannot create a RocksDB compaction filter through rocksdb_compactionfilter_create", e);
        }
    }

    @Override
    protected void disposeInternal() {
        super.disposeInternal(); // deletes the native filter, which calls the destructor upcall
        FILTERS.remove(id);
    }

    // ---- upcalls, on RocksDB's compaction threads: they must never throw ----

    @SuppressWarnings("unused")
    private static byte filter(MemorySegment state, int level, MemorySegment key, long keyLength, MemorySegment value, long valueLength,
                               MemorySegment newValue, MemorySegment newValueLength, MemorySegment valueChanged) {
        try {
            KeyFilter filter = FILTERS.get(state.address());
            if (filter == null) return 0;
            byte[] keyBytes = key.reinterpret(keyLength).toArray(ValueLayout.JAVA_BYTE);
            byte[] valueBytes = value.reinterpret(valueLength).toArray(ValueLayout.JAVA_BYTE);
            byte[] result = filter.filter(keyBytes, valueBytes);
            if (result == null) return 1;
            if (result != valueBytes) {
                MemorySegment out = buffer(result.length);
                MemorySegment.copy(result, 0, out, ValueLayout.JAVA_BYTE, 0, result.length);
                newValue.reinterpret(ValueLayout.ADDRESS.byteSize()).set(ValueLayout.ADDRESS, 0, out);
                newValueLength.reinterpret(Long.BYTES).set(ValueLayout.JAVA_LONG, 0, result.length);
                valueChanged.reinterpret(1).set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
            }
            return 0;
        } catch (Throwable t) {
            LOG.error("The RocksDB compaction filter failed on a key; it is kept as it was", t);
            return 0;
        }
    }

    @SuppressWarnings("unused")
    private static void destroy(MemorySegment state) {}

    @SuppressWarnings("unused")
    private static MemorySegment name(MemorySegment state) {
        return NATIVES.nameString;
    }

    private static MemorySegment buffer(int length) {
        MemorySegment[] holder = NEW_VALUES.get();
        if (holder[0] == null || holder[0].byteSize() < length) holder[0] = Arena.ofAuto().allocate(Math.max(length, 4096));
        return holder[0];
    }

    /** The C API entry point and the upcall stubs, made once. */
    private static final class Natives {
        final MethodHandle create;
        final MemorySegment filter;
        final MemorySegment destructor;
        final MemorySegment name;
        final MemorySegment nameString;

        Natives() {
            org.rocksdb.RocksDB.loadLibrary(); // the library that exports the C API too
            Linker linker = Linker.nativeLinker();
            MemorySegment symbol = SymbolLookup.loaderLookup().find("rocksdb_compactionfilter_create")
                    .orElseThrow(() -> new IllegalStateException("rocksdbjni's library does not export rocksdb_compactionfilter_create"));
            create = linker.downcallHandle(symbol, FunctionDescriptor.of(ValueLayout.ADDRESS,
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            try {
                filter = linker.upcallStub(lookup.findStatic(NativeCompactionFilter.class, "filter", MethodType.methodType(byte.class,
                                MemorySegment.class, int.class, MemorySegment.class, long.class, MemorySegment.class, long.class,
                                MemorySegment.class, MemorySegment.class, MemorySegment.class)),
                        FunctionDescriptor.of(ValueLayout.JAVA_BYTE, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                                ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                                ValueLayout.ADDRESS),
                        Arena.global());
                destructor = linker.upcallStub(lookup.findStatic(NativeCompactionFilter.class, "destroy",
                        MethodType.methodType(void.class, MemorySegment.class)), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS), Arena.global());
                name = linker.upcallStub(lookup.findStatic(NativeCompactionFilter.class, "name",
                                MethodType.methodType(MemorySegment.class, MemorySegment.class)),
                        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS), Arena.global());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            nameString = Arena.global().allocateFrom("CharybdisPurge");
        }
    }
}
