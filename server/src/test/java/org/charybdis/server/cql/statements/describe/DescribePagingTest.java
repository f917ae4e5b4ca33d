package org.charybdis.server.cql.statements.describe;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DescribePagingTest {
    private static final UUID VERSION = UUID.randomUUID();

    @Test
    void stateCarriesTheNextOffset() {
        assertThat(DescribePaging.offset(null, VERSION)).isZero();
        assertThat(DescribePaging.offset(DescribePaging.state(VERSION, 42), VERSION)).isEqualTo(42);
    }

    @Test
    void stateOfAnotherSchemaIsRefused() {
        ByteBuffer state = DescribePaging.state(UUID.randomUUID(), 2);
        assertThatThrownBy(() -> DescribePaging.offset(state, VERSION)).isInstanceOf(InvalidRequestException.class)
                .hasMessage(DescribePaging.SCHEMA_CHANGED);
    }

    @Test
    void foreignStateIsRefused() {
        assertThatThrownBy(() -> DescribePaging.offset(ByteBuffer.wrap(new byte[] {1, 2, 3}), VERSION))
                .isInstanceOf(InvalidRequestException.class).hasMessage("Incompatible paging state");
        ByteBuffer negative = DescribePaging.state(VERSION, -1);
        assertThatThrownBy(() -> DescribePaging.offset(negative, VERSION)).isInstanceOf(InvalidRequestException.class);
    }
}
