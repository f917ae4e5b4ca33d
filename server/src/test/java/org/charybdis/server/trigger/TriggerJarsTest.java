package org.charybdis.server.trigger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Trigger jars each get a class loader of their own, and a class no loaded jar holds makes the directory be read again. */
class TriggerJarsTest {
    @TempDir
    Path triggers;

    @Test
    void twoJarsMayHoldClassesOfTheSameName() throws Exception {
        TriggerJar.build(triggers.resolve("a.jar"), Map.of("com.example.a.A", trigger("com.example.a", "A"), "com.example.Helper", helper("from a")));
        TriggerJar.build(triggers.resolve("b.jar"), Map.of("com.example.b.B", trigger("com.example.b", "B"), "com.example.Helper", helper("from b")));
        TriggerJars jars = new TriggerJars(triggers, getClass().getClassLoader());

        assertThat(augment(jars, "com.example.a.A")).isEqualTo("from a");
        assertThat(augment(jars, "com.example.b.B")).isEqualTo("from b");
        assertThat(jars.load("com.example.a.A").getClassLoader()).isNotSameAs(jars.load("com.example.b.B").getClassLoader());
    }

    @Test
    void aJarAddedLaterIsFoundWhenOneOfItsClassesIsAskedFor() throws Exception {
        TriggerJars jars = new TriggerJars(triggers, getClass().getClassLoader());
        assertThatThrownBy(() -> jars.load("com.example.c.C")).isInstanceOf(ClassNotFoundException.class);
        TriggerJar.build(triggers.resolve("c.jar"), Map.of("com.example.c.C", trigger("com.example.c", "C"), "com.example.Helper", helper("from c")));
        assertThat(augment(jars, "com.example.c.C")).isEqualTo("from c");
        assertThat(jars.loadedJars()).containsExactly(triggers.resolve("c.jar"));
    }

    @Test
    void theServersClassesComeFirst() throws Exception {
        assertThat(new TriggerJars(triggers, getClass().getClassLoader()).load(Trigger.class.getName())).isSameAs(Trigger.class);
    }

    private static Object augment(TriggerJars jars, String className) throws Exception {
        Trigger trigger = (Trigger) jars.load(className).getConstructor().newInstance();
        List<TriggerMutation> mutations = trigger.augment(new PartitionWrite("ks", "t", Map.of(), false, false, List.of(), 1));
        return mutations.getFirst().values().get("v");
    }

    private static String trigger(String packageName, String className) {
        return """
                package %s;

                import java.util.List;
                import org.charybdis.server.trigger.*;

                public class %s implements Trigger {
                    @Override
                    public List<TriggerMutation> augment(PartitionWrite write) {
                        return List.of(TriggerMutation.upsert("ks", "t").set("v", com.example.Helper.say()));
                    }
                }
                """.formatted(packageName, className);
    }

    private static String helper(String says) {
        return """
                package com.example;

                public class Helper {
                    public static String say() {
                        return "%s";
                    }
                }
                """.formatted(says);
    }
}
