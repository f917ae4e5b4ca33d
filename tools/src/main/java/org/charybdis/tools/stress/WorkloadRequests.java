package org.charybdis.tools.stress;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import java.util.List;
import java.util.function.LongSupplier;

/** Prepares what a workload sends on its own session and checks that the profile's values fit the statements. */
final class WorkloadRequests {
    private WorkloadRequests() {}

    /**
     * @param scanCql the scan statement, with the two token bounds as markers
     * @param keys the key index space, {@code [0, keys)}
     * @throws IllegalArgumentException when the profile's values do not fit its statements
     */
    static RequestSource prepare(WorkloadSpec spec, CqlSession session, StressProfile profile, String scanCql, long keys) {
        LongSupplier keyChooser = spec.distribution().chooser(keys);
        return switch (spec.operation()) {
            case WRITE -> insert(spec, session, profile, keyChooser, keys);
            case READ -> read(spec, session, profile, keyChooser, keys);
            case MIXED -> new MixedRequests(read(spec, session, profile, keyChooser, keys), spec.readWeight(),
                    insert(spec, session, profile, keyChooser, keys), spec.writeWeight());
            case SCAN -> new ScanRequests(session, session.prepare(scanCql), spec.splits(), spec.passes(), spec.pageSize(), spec.consistency());
        };
    }

    private static KeyedRequests insert(WorkloadSpec spec, CqlSession session, StressProfile profile, LongSupplier keyChooser, long keys) {
        if (profile.insertCql() == null) throw new IllegalArgumentException("the profile has no insert: statement");
        return keyed("insert", spec, session, profile.insertCql(), profile.insertValues(), keyChooser, keys);
    }

    private static KeyedRequests read(WorkloadSpec spec, CqlSession session, StressProfile profile, LongSupplier keyChooser, long keys) {
        if (profile.readCql() == null) throw new IllegalArgumentException("the profile has no read: statement");
        return keyed("read", spec, session, profile.readCql(), profile.readValues(), keyChooser, keys);
    }

    private static KeyedRequests keyed(String what, WorkloadSpec spec, CqlSession session, String cql, List<ValueSpec> values,
                                       LongSupplier keyChooser, long keys) {
        PreparedStatement prepared = session.prepare(cql);
        int markers = prepared.getVariableDefinitions().size();
        if (markers != values.size()) {
            throw new IllegalArgumentException("the profile's " + what + " has " + markers + " ? markers but " + values.size() + " values");
        }
        KeyedRequests requests = new KeyedRequests(session, prepared, values, keyChooser, spec.pageSize(), spec.consistency());
        // bind the first and the last key index now: a value that does not fit its column fails here, not per request
        try {
            requests.bind(0);
            requests.bind(keys - 1);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the profile's " + what + " values " + values + " do not fit " + cql + ": " + e.getMessage());
        }
        return requests;
    }
}
