package org.charybdis.server.service.pager;

import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.storage.sai.TermRange;

/** One relation a storage-attached index answers, with its execution's values: the index and the terms it asks for. */
public record AttachedQuery(IndexMetadata index, TermRange terms) {}
