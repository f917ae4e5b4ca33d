package org.charybdis.server.service.pager;


import java.util.concurrent.CompletableFuture;

/** Produces the pages of one bound SELECT: from the start (state null) or from a paging state. */
public interface Pager {
    /**
     * @param size           what this page may hold
     * @param remainingLimit rows the LIMIT still allows (Integer.MAX_VALUE: no limit)
     */
    CompletableFuture<PageBuilder.Page> fetch(PagingState state, PageSize size, int remainingLimit);
}
