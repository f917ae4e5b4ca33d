package org.charybdis.server.qos;

/** One row of {@code system.service_levels_v2}: a named level and its options. */
public record ServiceLevel(String name, ServiceLevelOptions options) {}
