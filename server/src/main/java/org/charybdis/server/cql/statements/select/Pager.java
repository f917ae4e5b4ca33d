package org.charybdis.server.cql.statements.select;

import org.charybdis.server.cql.statements.select.PageBuilder.Page;
import org.charybdis.server.cql.statements.select.paging.PagingState;

import java.util.concurrent.CompletableFuture;

/** Produces the pages of one bound SELECT: from the start (state null) or from a paging state. */
interface Pager {
    /**
     * @param capacity       rows this page may hold
     * @param remainingLimit rows the LIMIT still allows (Integer.MAX_VALUE: no limit)
     */
    CompletableFuture<Page> fetch(PagingState state, int capacity, int remainingLimit);
}
