package org.charybdis.server.trigger;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Compiles trigger sources against the server's classes and packs them into a jar, as a team building a trigger does. */
public final class TriggerJar {
    private TriggerJar() {}

    /** Compiles {@code source} (class {@code className}) and writes it as {@code jar}. */
    public static void build(Path jar, String className, String source) {
        build(jar, Map.of(className, source));
    }

    /** Compiles the sources (by class name) together and writes them as {@code jar}. */
    public static void build(Path jar, Map<String, String> sources) {
        try {
            Path work = Files.createTempDirectory("trigger-src-");
            List<String> arguments = new ArrayList<>();
            Path classes = Files.createDirectories(work.resolve("classes"));
            arguments.addAll(List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString()));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                arguments.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int status = javac.run(null, null, null, arguments.toArray(String[]::new));
            if (status != 0) throw new IllegalStateException("the trigger did not compile");
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
                 Stream<Path> files = Files.walk(classes)) {
                for (Path compiled : files.filter(Files::isRegularFile).toList()) {
                    jarOut.putNextEntry(new JarEntry(classes.relativize(compiled).toString().replace('\\', '/')));
                    jarOut.write(Files.readAllBytes(compiled));
                    jarOut.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
