package org.charybdis.server.system;

/** Where this single node says it lives, as drivers, system tables and the admin API report it. */
public final class Topology {
    public static final String DATACENTER = "datacenter1";
    public static final String RACK = "rack1";
    public static final String PARTITIONER = "org.apache.cassandra.dht.Murmur3Partitioner";

    private Topology() {}
}
