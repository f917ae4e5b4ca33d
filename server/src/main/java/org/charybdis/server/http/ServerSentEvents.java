package org.charybdis.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

import java.nio.charset.StandardCharsets;

/**
 * A reply that goes on: server-sent events ({@code text/event-stream}, the HTML standard's EventSource), one
 * {@code data:} event per message for as long as the client stays and the source sends. See {@link HttpEndpoint.Reply#events}.
 */
public final class ServerSentEvents {
    /** How long a browser waits before it reconnects to a stream that ended (milliseconds). */
    static final int RECONNECT_MILLIS = 2000;

    private ServerSentEvents() {}

    /** What produces the events of one response. */
    @FunctionalInterface
    public interface Source {
        /** Called once the response head is sent: send events through {@code sink} until it closes. */
        void open(Sink sink);
    }

    /** The open response of one client. Any thread. */
    public interface Sink {
        /**
         * Sends one event carrying {@code data}. A client that does not keep up misses events rather than have them
         * pile up here; returns false once the client is gone.
         */
        boolean send(String data);

        /** Runs {@code action} once, when the client leaves or the stream is closed. */
        void onClose(Runnable action);

        /** Ends the stream and the connection. */
        void close();
    }

    /** The sink writing to one HTTP connection, whose response head is already written. */
    static final class ChannelSink implements Sink {
        private final Channel channel;

        ChannelSink(Channel channel) {
            this.channel = channel;
            write("retry: " + RECONNECT_MILLIS + "\n\n");
        }

        @Override
        public boolean send(String data) {
            if (!channel.isActive()) return false;
            if (channel.isWritable()) write("data: " + data.replace("\n", "\ndata: ") + "\n\n");
            return true;
        }

        @Override
        public void onClose(Runnable action) {
            channel.closeFuture().addListener(closed -> action.run());
        }

        @Override
        public void close() {
            if (channel.isActive()) channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
        }

        private void write(String text) {
            channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
        }
    }
}
