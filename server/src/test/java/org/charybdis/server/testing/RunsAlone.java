package org.charybdis.server.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that measures what other tests running beside it would disturb: CPU shares, resident memory,
 * elapsed time, a browser's rendering. The build runs most test classes in two JVMs side by side and these afterwards
 * in one, with the machine to themselves (the {@code alone} execution of surefire in the root pom).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(RunsAlone.TAG)
public @interface RunsAlone {
    /** The JUnit tag the root pom's surefire executions select on. */
    String TAG = "alone";
}
