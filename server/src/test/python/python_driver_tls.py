"""Client TLS through Debian's python3-cassandra driver (what cqlsh --ssl uses).

usage: python3 python_driver_tls.py HOST PORT CA_FILE
Connects with an ssl_context that trusts CA_FILE and checks the server's name, runs queries, then checks that a
plain connection to the same (TLS-only) port fails with the server's message. Exits 0 when every check passes.
"""
import ssl
import sys

from cassandra.cluster import Cluster, NoHostAvailable


def check(what, actual, expected):
    if actual != expected:
        print("FAIL %s: expected %r, got %r" % (what, expected, actual))
        sys.exit(1)
    print("ok   %s" % what)


def main():
    host, port, ca_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(ca_file)
    cluster = Cluster([host], port=port, ssl_context=context, ssl_options={"server_hostname": host})
    session = cluster.connect()

    local = session.execute("SELECT release_version FROM system.local").one()
    check("system.local over TLS reports a Cassandra 5.0 release", local.release_version.startswith("5.0"), True)
    session.execute("CREATE KEYSPACE IF NOT EXISTS pytls WITH replication = "
                    "{'class': 'SimpleStrategy', 'replication_factor': 1}")
    session.execute("CREATE TABLE IF NOT EXISTS pytls.kv (k int PRIMARY KEY, v text)")
    session.execute("INSERT INTO pytls.kv (k, v) VALUES (%s, %s)", (1, "secret"))
    check("a row written over TLS reads back", session.execute("SELECT v FROM pytls.kv WHERE k = 1").one().v, "secret")
    cluster.shutdown()

    plain = Cluster([host], port=port, connect_timeout=10)
    try:
        plain.connect()
        print("FAIL a plain connection to the TLS port succeeded")
        sys.exit(1)
    except NoHostAvailable as e:
        check("a plain client is told the port requires TLS", "requires TLS" in str(e), True)
    finally:
        plain.shutdown()
    print("python driver tls passed")


if __name__ == "__main__":
    main()
