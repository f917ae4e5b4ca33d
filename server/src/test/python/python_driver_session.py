"""A create/insert/select/prepared/paging session through Debian's python3-cassandra driver.

usage: python3 python_driver_session.py HOST PORT
Exits 0 when every check passes; prints what differed and exits 1 otherwise.
"""
import sys
import uuid

from cassandra.cluster import Cluster
from cassandra.query import SimpleStatement


def check(what, actual, expected):
    if actual != expected:
        print("FAIL %s: expected %r, got %r" % (what, expected, actual))
        sys.exit(1)
    print("ok   %s" % what)


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    cluster = Cluster([host], port=port)
    session = cluster.connect()

    local = session.execute("SELECT release_version, cql_version FROM system.local").one()
    check("system.local reports a Cassandra 5.0 release", local.release_version.startswith("5.0"), True)

    session.execute("CREATE KEYSPACE IF NOT EXISTS pyks WITH replication = "
                    "{'class': 'SimpleStrategy', 'replication_factor': 1}")
    session.execute("CREATE TABLE IF NOT EXISTS pyks.events ("
                    "device uuid, seq int, reading double, note text, PRIMARY KEY (device, seq))")
    session.set_keyspace("pyks")

    device = uuid.uuid4()
    for seq in range(5):
        session.execute("INSERT INTO events (device, seq, reading, note) VALUES (%s, %s, %s, %s)",
                        (device, seq, seq * 1.5, "n%d" % seq))
    rows = list(session.execute("SELECT seq, reading, note FROM events WHERE device = %s", (device,)))
    check("simple insert and select", [(r.seq, r.reading, r.note) for r in rows],
          [(i, i * 1.5, "n%d" % i) for i in range(5)])

    insert = session.prepare("INSERT INTO events (device, seq, reading, note) VALUES (?, ?, ?, ?)")
    other = uuid.uuid4()
    for seq in range(95):
        session.execute(insert, (other, seq, float(seq), None))
    select_one = session.prepare("SELECT reading, note FROM events WHERE device = ? AND seq = ?")
    row = session.execute(select_one, (other, 42)).one()
    check("prepared insert and select", (row.reading, row.note), (42.0, None))

    statement = SimpleStatement("SELECT seq FROM events WHERE device = %s", fetch_size=10)
    result = session.execute(statement, (other,))
    check("first page has 10 rows", len(result.current_rows), 10)
    check("paging returns every row in clustering order", [r.seq for r in result], list(range(95)))

    count = session.execute("SELECT COUNT(*) FROM events").one()[0]
    check("count over a full scan", count, 100)

    # cqlsh's TRACING ON: the driver reads the session back from system_traces once it has a duration
    traced = session.execute("SELECT seq FROM events WHERE device = %s", (device,), trace=True)
    trace = traced.get_query_trace(max_wait_sec=10)
    check("a traced query has a duration", trace.duration is not None and trace.duration.total_seconds() > 0, True)
    check("a traced query's request", trace.request_type, "Execute CQL3 query")
    activities = [event.description for event in trace.events]
    check("a traced query's events", [a for a in activities if a.startswith("Read ") or a == "Request complete"],
          ["Read 5 live rows", "Request complete"])

    # our storage_engine column in system_schema.tables must not upset the driver's schema parser
    session.execute("CREATE TABLE IF NOT EXISTS pyks.rocks (k int PRIMARY KEY, v text) WITH storage_engine = 'rocksdb'")
    cluster.refresh_schema_metadata()
    rocks = cluster.metadata.keyspaces["pyks"].tables["rocks"]
    check("schema metadata of a rocksdb table", (list(rocks.columns), rocks.is_cql_compatible), (["k", "v"], True))
    check("the keyspace exports as CQL", "CREATE TABLE pyks.rocks" in cluster.metadata.keyspaces["pyks"].export_as_string(), True)

    session.execute("DROP KEYSPACE pyks")
    cluster.shutdown()
    print("python driver session passed")


if __name__ == "__main__":
    main()
