package org.charybdis.storage.vector;

import org.charybdis.storage.sai.PrimaryKey;

/**
 * A row a vector search found, with the score of the vector the memtable or SSTable holds for it. The row may have
 * changed since (overwritten, deleted, expired): the caller reads it and keeps it only if it still scores so.
 */
public record VectorCandidate(PrimaryKey row, float score) {}
