package org.charybdis.storage.sstable;

/** The files of one SSTable; the code is what each file's header stores, so files cannot be swapped. */
public enum Component {
    DATA(1, "Data.db"),
    INDEX(2, "Index.db"),
    SUMMARY(3, "Summary.db"),
    FILTER(4, "Filter.db"),
    STATISTICS(5, "Statistics.db"),
    COMPRESSION_INFO(6, "CompressionInfo.db"),
    TOC(7, "TOC.txt"),
    /** Storage-attached index terms (storage/sai), written after the SSTable is published: optional, not in the TOC. */
    SAI(8, "SAI.db"),
    /** Vector index graphs and vectors (storage/vector), written after the SSTable is published like SAI.db. */
    VECTOR(9, "Vector.db");

    private final int code;
    private final String suffix;

    Component(int code, String suffix) {
        this.code = code;
        this.suffix = suffix;
    }

    public int code() { return code; }

    /** The file name's last part ("Data.db"). */
    public String suffix() { return suffix; }

    /** True for a component built after the SSTable was published (not listed in its TOC, possibly absent). */
    public boolean attached() { return this == SAI || this == VECTOR; }

    static Component ofSuffix(String suffix) {
        for (Component c : values()) if (c.suffix.equals(suffix)) return c;
        return null;
    }
}
