package org.charybdis.tools.iotune;

/** The four measurements io_properties.yaml needs, in the order they run: sequential first, as ScyllaDB's iotune. */
enum IoTest {
    SEQUENTIAL_WRITE("sequential write", "write_bandwidth", true, false, 128 * 1024),
    SEQUENTIAL_READ("sequential read", "read_bandwidth", false, false, 128 * 1024),
    RANDOM_WRITE("random write", "write_iops", true, true, 4096),
    RANDOM_READ("random read", "read_iops", false, true, 4096);

    final String label;
    final String propertyKey;
    final boolean write;
    final boolean random;
    private final int nominalRequestSize;

    IoTest(String label, String propertyKey, boolean write, boolean random, int nominalRequestSize) {
        this.label = label;
        this.propertyKey = propertyKey;
        this.write = write;
        this.random = random;
        this.nominalRequestSize = nominalRequestSize;
    }

    /** 4 KiB or 128 KiB, grown to a whole number of blocks when the disk's blocks are larger. */
    int requestSize(int blockSize) {
        return Math.toIntExact(Alignment.roundUp(nominalRequestSize, blockSize));
    }

    /** The largest request of all tests: the test file is a whole number of these. */
    static int largestRequest(int blockSize) {
        int largest = 0;
        for (IoTest test : values()) largest = Math.max(largest, test.requestSize(blockSize));
        return largest;
    }
}
