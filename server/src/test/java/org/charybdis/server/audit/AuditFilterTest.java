package org.charybdis.server.audit;

import org.charybdis.server.config.ServerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ScyllaDB's selection rule: DDL, DML and QUERY need a listed keyspace or table; AUTH, DCL and ADMIN need only their category. */
class AuditFilterTest {
    private final AuditFilter filter = AuditFilter.of(ServerConfig.defaults()
            .with(ServerConfig.AUDIT_CATEGORIES, "DML,QUERY,DCL,AUTH")
            .with(ServerConfig.AUDIT_KEYSPACES, "ks1, ks2")
            .with(ServerConfig.AUDIT_TABLES, "other.t"));

    @Test
    void dataCategoriesNeedAListedKeyspaceOrTable() {
        assertThat(filter.audits(AuditCategory.DML, "ks1", "anything")).isTrue();
        assertThat(filter.audits(AuditCategory.QUERY, "ks2", null)).isTrue();
        assertThat(filter.audits(AuditCategory.DML, "other", "t")).isTrue();
        assertThat(filter.audits(AuditCategory.DML, "other", "u")).isFalse();
        assertThat(filter.audits(AuditCategory.QUERY, null, null)).isFalse();
    }

    @Test
    void unlistedCategoriesAreNeverAudited() {
        assertThat(filter.audits(AuditCategory.DDL, "ks1", "t")).isFalse();
        assertThat(filter.audits(AuditCategory.ADMIN, null, null)).isFalse();
    }

    @Test
    void globalCategoriesNeedNoKeyspace() {
        assertThat(filter.audits(AuditCategory.DCL, null, null)).isTrue();
        assertThat(filter.audits(AuditCategory.AUTH, "unlisted", null)).isTrue();
    }

    @Test
    void theDefaultsAreScyllas() {
        AuditFilter defaults = AuditFilter.of(ServerConfig.defaults());
        assertThat(defaults.categories()).containsExactlyInAnyOrder(AuditCategory.DCL, AuditCategory.DDL, AuditCategory.AUTH, AuditCategory.ADMIN);
        assertThat(defaults.keyspaces()).isEmpty();
        assertThat(defaults.tables()).isEmpty();
    }
}
