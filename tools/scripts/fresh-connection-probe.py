#!/usr/bin/env python3
"""Times fresh CQL connections (TCP connect + OPTIONS -> SUPPORTED, protocol v4) while one unpaged query runs.

   tools/scripts/fresh-connection-probe.py [--host H] [--port P] "<unpaged CQL query>"

Prints how long the query took, how it ended, and the fresh-connection latencies (median, p99, max) seen
meanwhile: a query that holds a shard shows up as connections that wait. Needs only Python 3 (raw protocol).
"""
import argparse, socket, struct, threading, time

def frame(opcode, body=b"", stream=0):
    return struct.pack(">BBhBi", 0x04, 0, stream, opcode, len(body)) + body

def read_frame(sock):
    header = b""
    while len(header) < 9:
        chunk = sock.recv(9 - len(header))
        if not chunk: raise ConnectionError("closed")
        header += chunk
    _, _, _, opcode, length = struct.unpack(">BBhBi", header)
    body = bytearray()
    while len(body) < length:
        chunk = sock.recv(min(1 << 20, length - len(body)))
        if not chunk: raise ConnectionError("closed")
        body += chunk
    return opcode, bytes(body)

def startup(sock):
    options = {"CQL_VERSION": "3.0.0"}
    body = struct.pack(">H", len(options))
    for k, v in options.items():
        body += struct.pack(">H", len(k)) + k.encode() + struct.pack(">H", len(v)) + v.encode()
    sock.sendall(frame(0x01, body))
    return read_frame(sock)

def probe(host, port):
    start = time.monotonic()
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(frame(0x05))
        opcode, _ = read_frame(sock)
        assert opcode == 0x06, opcode
    return time.monotonic() - start

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9042)
    parser.add_argument("query")
    args = parser.parse_args()
    outcome = {}

    def run_query():
        start = time.monotonic()
        with socket.create_connection((args.host, args.port), timeout=600) as sock:
            startup(sock)
            query = args.query.encode()
            body = struct.pack(">i", len(query)) + query + struct.pack(">HB", 0x0001, 0)  # ONE, no page size: unpaged
            sock.sendall(frame(0x07, body, stream=1))
            opcode, body = read_frame(sock)
            outcome["seconds"] = time.monotonic() - start
            outcome["bytes"] = len(body)
            if opcode == 0x00:
                code, = struct.unpack(">i", body[:4])
                n, = struct.unpack(">H", body[4:6])
                outcome["result"] = "error 0x%04X: %s" % (code, body[6:6 + n].decode(errors="replace"))
            else:
                outcome["result"] = "rows"

    query = threading.Thread(target=run_query)
    query.start()
    latencies = []
    while query.is_alive():
        latencies.append(probe(args.host, args.port))
        time.sleep(0.05)
    query.join()
    print("first probes (ms):", " ".join("%.0f" % (l * 1000) for l in latencies[:5]))
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    print("query: %.1f s, %d bytes answered, %s" % (outcome["seconds"], outcome["bytes"], outcome["result"][:200]))
    print("fresh connections meanwhile: %d, median %.1f ms, p99 %.1f ms, max %.1f ms"
          % (len(latencies), pick(0.5), pick(0.99), latencies[-1] * 1000))

if __name__ == "__main__":
    main()
