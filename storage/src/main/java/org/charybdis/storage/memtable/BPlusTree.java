package org.charybdis.storage.memtable;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * A sorted B+tree for an index one thread owns, built for the memtable: no locks, no entry objects, and cursors
 * that survive inserts made between their steps. Each entry is a pair of a {@code long} and a reference kept in
 * parallel arrays; the subclass gives the pair its meaning and its order ({@link #compare}), which may look at
 * the long first (the partition index: a token as a primitive, the key bytes only on a tie) or ignore it (the row
 * index: the long is the row's native address, the clustering decides).
 * <p>
 * Entries are only added, never removed, so a cursor keeps a modification count: when the tree changed since its
 * last step it finds its place again from the entry it returned last. A leaf starts small and grows to
 * {@code maxNodeSize} before it splits, so that a tree of one or two entries (most partitions' rows) costs little.
 * Heap use is tracked as nodes grow ({@link #heapBytes()}) for the memtable's memory accounting.
 *
 * @param <K> what entries are looked up by
 */
abstract class BPlusTree<K> {
    static final int DEFAULT_MAX_NODE_SIZE = 64;
    private static final int FIRST_LEAF_CAPACITY = 2;

    private final int maxNodeSize;
    private Node root;
    private int size;
    private int modifications;
    private long heapBytes;

    BPlusTree(int maxNodeSize) {
        if (maxNodeSize < 3) throw new IllegalArgumentException("nodes must hold at least 3 entries: " + maxNodeSize);
        this.maxNodeSize = maxNodeSize;
        clear();
    }

    /**
     * Compares a lookup key with the stored entry {@code (longs[i], refs[i])}. An order that decides on the long
     * alone should not read {@code refs[i]} then: a binary search touching one array instead of two misses the
     * cache half as often.
     */
    abstract int compare(K key, long[] longs, Object[] refs, int i);

    /** The lookup key of a stored entry, for a cursor to find its place again. */
    abstract K keyOf(long storedLong, Object storedRef);

    final int size() { return size; }

    /** Estimated heap bytes of the tree's nodes (not of what the entries refer to). */
    final long heapBytes() { return heapBytes; }

    /** The reference of the entry equal to the key, or null. */
    final Object ref(K key) {
        Leaf leaf = leafFor(key);
        int i = search(leaf, key);
        return i >= 0 ? leaf.refs[i] : null;
    }

    /** The long of the entry equal to the key, or {@code absent}. */
    final long longValue(K key, long absent) {
        Leaf leaf = leafFor(key);
        int i = search(leaf, key);
        return i >= 0 ? leaf.longs[i] : absent;
    }

    /** Replaces the long of the entry equal to the key, an order-neutral change (cursors keep their place); false if absent. */
    final boolean replaceLong(K key, long value) {
        Leaf leaf = leafFor(key);
        int i = search(leaf, key);
        if (i < 0) return false;
        leaf.longs[i] = value;
        return true;
    }

    /** Replaces every entry's long, in order; an order-neutral change. */
    final void replaceLongs(LongUnaryOperator replacement) {
        for (Leaf leaf = firstLeaf(); leaf != null; leaf = leaf.next) {
            for (int i = 0; i < leaf.size; i++) leaf.longs[i] = replacement.applyAsLong(leaf.longs[i]);
        }
    }

    /**
     * Adds the entry {@code (longValue, ref)}, whose lookup key is {@code key}; the caller makes sure no equal
     * entry is stored yet (it would be stored twice).
     */
    final void insert(K key, long longValue, Object ref) {
        Node right = insert(root, key, longValue, ref, true, true);
        if (right != null) {
            Inner newRoot = newInner(maxNodeSize);
            newRoot.set(0, root.longs[0], root.refs[0], root);
            newRoot.set(1, right.longs[0], right.refs[0], right);
            newRoot.size = 2;
            root = newRoot;
        }
        size++;
        modifications++;
    }

    /** Drops every entry; cursors taken before see an empty tree. */
    final void clear() {
        heapBytes = 0;
        root = newLeaf(FIRST_LEAF_CAPACITY);
        size = 0;
        modifications++;
    }

    /** A cursor over entries from the first one at or after {@code from} (null: the first entry), ascending. */
    final Cursor ascendingFrom(K from) {
        return new Cursor(from, false);
    }

    /** A cursor over entries from the last one at or before {@code from} (null: the last entry), descending. */
    final Cursor descendingFrom(K from) {
        return new Cursor(from, true);
    }

    /**
     * A position in the tree moving one way. Entries added behind it are not seen, entries added ahead of it are;
     * none is returned twice.
     */
    final class Cursor {
        private final boolean descending;
        private final K from;
        private boolean started;
        private long lastLong; // with lastRef: the entry returned last, once started
        private Object lastRef;
        private int seenModifications;
        private Leaf leaf; // with index: the next candidate, possibly past the leaf's end (or before its start)
        private int index;
        private Leaf currentLeaf; // with currentIndex: the entry returned last, while the tree has not changed
        private int currentIndex;

        private Cursor(K from, boolean descending) {
            this.from = from;
            this.descending = descending;
            seek();
        }

        /** Moves to the next entry; false when there is none. */
        boolean advance() {
            if (seenModifications != modifications) seek();
            if (!settle()) return false;
            currentLeaf = leaf;
            currentIndex = index;
            started = true;
            lastLong = leaf.longs[index];
            lastRef = leaf.refs[index];
            index += descending ? -1 : 1;
            return true;
        }

        /** The long of the entry the last {@link #advance()} moved to, as it is now (it may have been replaced since). */
        long currentLong() {
            if (seenModifications == modifications) return currentLeaf.longs[currentIndex];
            K last = keyOf(lastLong, lastRef); // moved by inserts since: entries never go away
            Leaf now = leafFor(last);
            return now.longs[search(now, last)];
        }

        /** The reference of the entry the last {@link #advance()} moved to. */
        Object currentRef() { return lastRef; }

        /** Finds the next candidate from the entry returned last (or the start), whatever the tree became since. */
        private void seek() {
            seenModifications = modifications;
            K key = started ? keyOf(lastLong, lastRef) : from;
            if (key == null) {
                leaf = descending ? lastLeaf() : firstLeaf();
                index = descending ? leaf.size - 1 : 0;
                return;
            }
            leaf = leafFor(key);
            int i = search(leaf, key);
            boolean found = i >= 0;
            int insertion = found ? i : -i - 1;
            if (descending) index = found && !started ? i : insertion - 1;
            else index = found && started ? i + 1 : insertion;
        }

        /** Moves the candidate onto an entry across leaf boundaries; false at the end. */
        private boolean settle() {
            while (leaf != null && (index < 0 || index >= leaf.size)) {
                if (descending) {
                    leaf = leaf.previous;
                    if (leaf != null) index = leaf.size - 1;
                } else {
                    leaf = leaf.next;
                    index = 0;
                }
            }
            return leaf != null;
        }
    }

    /** Position of the key in the node as {@link Arrays#binarySearch(long[], long)} gives it. */
    private int search(Node node, K key) {
        return search(node, key, 0);
    }

    private int search(Node node, K key, int from) {
        long[] longs = node.longs;
        Object[] refs = node.refs;
        int low = from;
        int high = node.size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = compare(key, longs, refs, mid);
            if (c > 0) low = mid + 1;
            else if (c < 0) high = mid - 1;
            else return mid;
        }
        return -(low + 1);
    }

    /**
     * An inner node's child whose range holds the key: the last one whose first entry is not after it. The first
     * child's entry is not looked at: on the tree's left edge it can be stale (smaller keys went in since, or, after
     * a split that left one new entry on the left, equal to the second child's).
     */
    private int childIndex(Inner inner, K key) {
        int i = search(inner, key, 1);
        return i >= 0 ? i : -i - 2;
    }

    private Leaf leafFor(K key) {
        Node node = root;
        while (node instanceof Inner inner) node = inner.children[childIndex(inner, key)];
        return (Leaf) node;
    }

    private Leaf firstLeaf() {
        Node node = root;
        while (node instanceof Inner inner) node = inner.children[0];
        return (Leaf) node;
    }

    private Leaf lastLeaf() {
        Node node = root;
        while (node instanceof Inner inner) node = inner.children[inner.size - 1];
        return (Leaf) node;
    }

    /**
     * Inserts below the node; returns the new right sibling when the node had to split, for the caller to link.
     * {@code leftmost}/{@code rightmost}: the node is the first/last at its level, where a run of ascending (or
     * descending) inserts splits off one entry instead of half, so time-ordered rows fill their leaves.
     */
    private Node insert(Node node, K key, long longValue, Object ref, boolean leftmost, boolean rightmost) {
        if (node instanceof Inner inner) {
            int child = childIndex(inner, key);
            Node right = insert(inner.children[child], key, longValue, ref,
                    leftmost && child == 0, rightmost && child == inner.size - 1);
            if (right == null) return null;
            return insertAt(inner, child + 1, right.longs[0], right.refs[0], right, leftmost, rightmost);
        }
        int i = search(node, key);
        return insertAt(node, -i - 1, longValue, ref, null, leftmost, rightmost);
    }

    /** Inserts an entry (and, in an inner node, its child) at the index; splits a full node and returns its right half. */
    private Node insertAt(Node node, int index, long longValue, Object ref, Node child, boolean leftmost, boolean rightmost) {
        if (node.size < maxNodeSize) {
            if (node.size == node.longs.length) grow((Leaf) node); // inner nodes are born full size
            node.shiftInsert(index, longValue, ref, child);
            return null;
        }
        int leftCount; // of the node's entries plus the new one, how many stay left
        if (index == node.size && rightmost) leftCount = node.size;
        else if (index == 0 && leftmost) leftCount = 1;
        else leftCount = (node.size + 1) / 2;
        Node right = node instanceof Leaf leaf ? newSibling(leaf) : newInner(maxNodeSize);
        boolean intoLeft = index < leftCount;
        int moved = intoLeft ? leftCount - 1 : leftCount;
        node.moveTail(moved, right);
        if (intoLeft) node.shiftInsert(index, longValue, ref, child);
        else right.shiftInsert(index - leftCount, longValue, ref, child);
        return right;
    }

    private Leaf newSibling(Leaf leaf) {
        Leaf right = newLeaf(maxNodeSize);
        right.previous = leaf;
        right.next = leaf.next;
        if (leaf.next != null) leaf.next.previous = right;
        leaf.next = right;
        return right;
    }

    private void grow(Leaf leaf) {
        int old = leaf.longs.length;
        int capacity = Math.min(maxNodeSize, old * 2);
        leaf.longs = Arrays.copyOf(leaf.longs, capacity);
        leaf.refs = Arrays.copyOf(leaf.refs, capacity);
        heapBytes += IndexFootprint.leaf(capacity) - IndexFootprint.leaf(old);
    }

    private Leaf newLeaf(int capacity) {
        heapBytes += IndexFootprint.leaf(capacity);
        return new Leaf(capacity);
    }

    private Inner newInner(int capacity) {
        heapBytes += IndexFootprint.inner(capacity);
        return new Inner(capacity);
    }

    /** Entries in parallel arrays; in an inner node, entry i is the first entry of child i (see {@link #childIndex}). */
    private abstract static sealed class Node permits Leaf, Inner {
        long[] longs;
        Object[] refs;
        int size;

        Node(int capacity) {
            longs = new long[capacity];
            refs = new Object[capacity];
        }

        /** Makes room at the index (capacity is there) and stores the entry. */
        void shiftInsert(int index, long longValue, Object ref, Node child) {
            System.arraycopy(longs, index, longs, index + 1, size - index);
            System.arraycopy(refs, index, refs, index + 1, size - index);
            longs[index] = longValue;
            refs[index] = ref;
            size++;
        }

        /** Moves the entries from {@code from} on to the start of the empty node {@code right}. */
        void moveTail(int from, Node right) {
            int count = size - from;
            System.arraycopy(longs, from, right.longs, 0, count);
            System.arraycopy(refs, from, right.refs, 0, count);
            Arrays.fill(refs, from, size, null);
            right.size = count;
            size = from;
        }
    }

    private static final class Leaf extends Node {
        Leaf previous;
        Leaf next;

        Leaf(int capacity) {
            super(capacity);
        }
    }

    private static final class Inner extends Node {
        Node[] children;

        Inner(int capacity) {
            super(capacity);
            children = new Node[capacity];
        }

        void set(int index, long longValue, Object ref, Node child) {
            longs[index] = longValue;
            refs[index] = ref;
            children[index] = child;
        }

        @Override
        void shiftInsert(int index, long longValue, Object ref, Node child) {
            System.arraycopy(children, index, children, index + 1, size - index);
            children[index] = child;
            super.shiftInsert(index, longValue, ref, child);
        }

        @Override
        void moveTail(int from, Node right) {
            Inner inner = (Inner) right;
            System.arraycopy(children, from, inner.children, 0, size - from);
            Arrays.fill(children, from, size, null);
            super.moveTail(from, right);
        }
    }
}
