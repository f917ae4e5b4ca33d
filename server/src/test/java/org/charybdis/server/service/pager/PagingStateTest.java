package org.charybdis.server.service.pager;

import org.charybdis.cql.exceptions.ProtocolException;
import org.charybdis.storage.data.Clustering;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagingStateTest {
    private static ByteBuffer bytes(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length);
        for (int v : values) b.put((byte) v);
        return b.flip();
    }

    @Test
    void roundTripsMidPartitionAndFinishedPartition() {
        PagingState mid = new PagingState(bytes(1, 2, 3), Clustering.of(bytes(4), bytes(5, 6)), 10, 3);
        PagingState decoded = PagingState.decode(mid.encode());
        assertThat(decoded.partitionKey()).isEqualTo(bytes(1, 2, 3));
        assertThat(decoded.lastClustering()).isEqualTo(Clustering.of(bytes(4), bytes(5, 6)));
        assertThat(decoded.remaining()).isEqualTo(10);
        assertThat(decoded.remainingInPartition()).isEqualTo(3);

        PagingState done = PagingState.decode(new PagingState(bytes(9), null, Integer.MAX_VALUE, 0).encode());
        assertThat(done.partitionDone()).isTrue();
        assertThat(done.remaining()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void refusesGarbageTruncatedAndTrailingBytes() {
        ByteBuffer valid = new PagingState(bytes(1), Clustering.of(bytes(2)), 5, 5).encode();
        assertThatThrownBy(() -> PagingState.decode(bytes(1, 2, 3))).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> PagingState.decode(valid.slice(0, valid.remaining() - 1))).isInstanceOf(ProtocolException.class);
        ByteBuffer longer = ByteBuffer.allocate(valid.remaining() + 1).put(valid.duplicate()).put((byte) 0).flip();
        assertThatThrownBy(() -> PagingState.decode(longer)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> PagingState.decode(ByteBuffer.allocate(0))).isInstanceOf(ProtocolException.class);
    }
}
