package org.charybdis.storage.data;

/** Deletion of a whole non-frozen collection or UDT column in one row (e.g. {@code SET m = {...}} overwrites). */
public record ComplexDeletion(int column, DeletionTime deletion) {}
