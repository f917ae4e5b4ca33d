package org.charybdis.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import org.charybdis.server.tls.PlainClientOnTlsPort;

/** The answer to a plain HTTP request on the HTTPS admin API: a 400 saying so, which curl and browsers show. */
public final class HttpsRequired implements PlainClientOnTlsPort.PlainAnswer {
    static final String MESSAGE = "This port requires HTTPS (api_encryption_options); use an https:// URL\n";

    @Override
    public ByteBuf answer(ByteBufAllocator alloc, ByteBuf firstBytes) {
        ByteBuf out = alloc.buffer();
        ByteBufUtil.writeAscii(out, "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n"
                + "Content-Length: " + MESSAGE.length() + "\r\n\r\n" + MESSAGE);
        return out;
    }
}
