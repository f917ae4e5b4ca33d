package org.charybdis.cql.messages;

import org.charybdis.cql.exceptions.ProtocolException;

/** Event types a client may REGISTER for. */
public enum EventType {
    TOPOLOGY_CHANGE, STATUS_CHANGE, SCHEMA_CHANGE;

    public static EventType fromName(String name) {
        for (EventType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        throw new ProtocolException("Invalid value '" + name + "' for event type");
    }
}
