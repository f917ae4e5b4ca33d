package org.charybdis.storage.data;

/** A deletion of every row of a partition inside a clustering slice (e.g. {@code DELETE ... WHERE ck > 3}). */
public record RangeTombstone(Slice slice, DeletionTime deletion) {}
