package org.charybdis.server.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Assertions on what a server answers, shared by tests that state Cassandra's recorded answers. */
public final class CqlAssertions {
    private CqlAssertions() {}

    /** The statement fails with InvalidRequest and exactly that message. */
    public static void assertInvalid(CqlSession session, String cql, String message) {
        assertThatThrownBy(() -> session.execute(cql)).as(cql).isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }
}
