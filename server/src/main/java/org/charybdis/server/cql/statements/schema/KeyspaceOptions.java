package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.ConfigurationException;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.SyntaxException;
import org.charybdis.cql.syntax.Term;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code WITH replication = {...} AND durable_writes = ...} of CREATE/ALTER KEYSPACE, checked as
 * Cassandra 5.0 checks it and stored as it stores it (class fully qualified, factors as given).
 */
public record KeyspaceOptions(Map<String, String> replication, Boolean durableWrites) {
    public static final String SIMPLE_STRATEGY = "org.apache.cassandra.locator.SimpleStrategy";
    public static final String NETWORK_TOPOLOGY_STRATEGY = "org.apache.cassandra.locator.NetworkTopologyStrategy";
    public static final String LOCAL_STRATEGY = "org.apache.cassandra.locator.LocalStrategy";
    private static final String LOCATOR_PACKAGE = "org.apache.cassandra.locator.";
    private static final String REPLICATION_FACTOR = "replication_factor";
    /** The nodes of this cluster: one. */
    private static final int NODES = 1;
    private static final String LOCAL_DATACENTER = org.charybdis.server.system.Topology.DATACENTER;
    /** Cassandra's default_keyspace_rf, used when a strategy is given without factors. */
    private static final String DEFAULT_RF = "1";

    /**
     * Reads the options; {@code replication} is null when not given (ALTER keeps the current one),
     * {@code durableWrites} null when not given.
     */
    public static KeyspaceOptions parse(String keyspace, Map<String, Term> properties) {
        Map<String, String> replication = null;
        Boolean durableWrites = null;
        for (Map.Entry<String, Term> property : properties.entrySet()) {
            switch (property.getKey()) {
                case "replication" -> replication = replication(keyspace, PropertyValues.map("replication", property.getValue()));
                case "durable_writes" -> durableWrites = PropertyValues.bool("durable_writes", property.getValue());
                default -> throw new SyntaxException("Unknown property '" + property.getKey() + "'");
            }
        }
        return new KeyspaceOptions(replication, durableWrites);
    }

    /** For CREATE KEYSPACE: the replication is mandatory. */
    public KeyspaceOptions requireReplication() {
        if (replication == null) throw new InvalidRequestException("Missing mandatory option 'replication'");
        return this;
    }

    /**
     * Cassandra's warnings on a keyspace's replication, this single node cannot give: a factor above its one node (per
     * datacenter for NetworkTopologyStrategy), and, when a factor grows over {@code previous} (null for a new keyspace),
     * the repair it calls for.
     */
    static List<String> replicationWarnings(String keyspace, Map<String, String> replication, Map<String, String> previous) {
        List<String> warnings = new ArrayList<>();
        boolean simple = SIMPLE_STRATEGY.equals(replication.get("class"));
        boolean grows = false;
        for (Map.Entry<String, String> option : replication.entrySet()) {
            if (option.getKey().equals("class")) continue;
            int factor = Integer.parseInt(option.getValue().trim());
            if (factor > NODES) {
                warnings.add("Your replication factor " + factor + " for keyspace " + keyspace + " is higher than the number of nodes "
                        + NODES + (simple ? "" : " for datacenter " + option.getKey()));
            }
            if (previous != null && factor > factorIn(previous, simple ? REPLICATION_FACTOR : option.getKey())) grows = true;
        }
        if (grows) warnings.add("When increasing replication factor you need to run a full (-full) repair to distribute the data.");
        return warnings;
    }

    /** A replication's factor for a datacenter (or SimpleStrategy's), the other strategy's read as the local datacenter's. */
    private static int factorIn(Map<String, String> replication, String key) {
        String factor = replication.get(key);
        if (factor == null) factor = replication.get(SIMPLE_STRATEGY.equals(replication.get("class")) ? REPLICATION_FACTOR : LOCAL_DATACENTER);
        return factor == null ? 0 : Integer.parseInt(factor.trim());
    }

    private static Map<String, String> replication(String keyspace, Map<String, String> given) {
        Map<String, String> options = new TreeMap<>(given);
        String className = options.remove("class");
        if (className == null) throw new ConfigurationException("Missing replication strategy class");
        String qualified = className.contains(".") ? className : LOCATOR_PACKAGE + className;
        Map<String, String> out = new TreeMap<>();
        out.put("class", qualified);
        switch (qualified) {
            case SIMPLE_STRATEGY -> {
                unrecognized(options.keySet(), Set.of(REPLICATION_FACTOR), "SimpleStrategy", keyspace);
                out.put(REPLICATION_FACTOR, factor(options.getOrDefault(REPLICATION_FACTOR, DEFAULT_RF)));
            }
            case NETWORK_TOPOLOGY_STRATEGY -> {
                if (options.containsKey(REPLICATION_FACTOR)) {
                    unrecognized(options.keySet(), Set.of(REPLICATION_FACTOR), "NetworkTopologyStrategy", keyspace);
                    out.put(LOCAL_DATACENTER, factor(options.get(REPLICATION_FACTOR)));
                } else if (options.isEmpty()) {
                    out.put(LOCAL_DATACENTER, DEFAULT_RF);
                } else {
                    for (Map.Entry<String, String> dc : options.entrySet()) out.put(dc.getKey(), factor(dc.getValue()));
                }
            }
            case LOCAL_STRATEGY -> throw new InvalidRequestException("Unable to use given strategy class: LocalStrategy is reserved for internal use.");
            default -> throw new ConfigurationException("Unable to find replication strategy class '" + qualified + "'");
        }
        return out;
    }

    private static void unrecognized(Set<String> given, Set<String> allowed, String strategy, String keyspace) {
        Set<String> unknown = new TreeSet<>(given);
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("Unrecognized strategy option {" + String.join(", ", unknown) + "} passed to "
                    + strategy + " for keyspace " + keyspace);
        }
    }

    /** A replication factor as given; "full/transient" is refused, as on a node without transient replication. */
    private static String factor(String text) {
        if (text.contains("/")) throw new ConfigurationException("Transient replication is not enabled on this node");
        int rf;
        try {
            rf = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("For input string: \"" + text + "\"");
        }
        if (rf < 0) throw new ConfigurationException("Replication factor must be non-negative, found " + rf);
        return text;
    }
}
