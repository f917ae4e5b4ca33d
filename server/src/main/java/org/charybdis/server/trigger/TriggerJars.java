package org.charybdis.server.trigger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trigger classes of the triggers directory (Cassandra's {@code conf/triggers}): each {@code .jar} in a class loader
 * of its own, whose parent is the server's, so two jars may hold classes of the same name without clashing. As in
 * Cassandra, the server's classes come first, then the jars' in file name order. A class no jar holds makes the
 * directory be scanned again, so a jar dropped in while the node runs is found by the next CREATE TRIGGER naming one of
 * its classes. Each jar is read from a copy in a temporary directory, so replacing the file never disturbs classes
 * already loaded from it.
 */
final class TriggerJars {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerJars.class);

    private final Path directory;
    private final ClassLoader parent;
    /** The loader of each jar, by its path, with the modification time it was loaded at; searched in name order. */
    private final Map<Path, Jar> jars = new TreeMap<>();

    private record Jar(FileTime modified, URLClassLoader loader) {}

    TriggerJars(Path directory, ClassLoader parent) {
        this.directory = directory;
        this.parent = parent;
    }

    Path directory() {
        return directory;
    }

    /** The class of that name: the server's, else a jar's (the directory scanned again when none holds it). */
    synchronized Class<?> load(String className) throws ClassNotFoundException {
        try {
            return Class.forName(className, false, parent);
        } catch (ClassNotFoundException notTheServers) {
            // a trigger's own class: look in the jars
        }
        Class<?> found = fromJars(className);
        if (found == null && rescan()) found = fromJars(className);
        if (found == null) throw new ClassNotFoundException(className + " (in neither the server nor the jars of " + directory + ")");
        return found;
    }

    private Class<?> fromJars(String className) {
        for (Jar jar : jars.values()) {
            try {
                return Class.forName(className, false, jar.loader());
            } catch (ClassNotFoundException | LinkageError notThisJar) {
                // the next jar may hold it
            }
        }
        return null;
    }

    /** Loads the jars added or changed since the last scan; whether there was any. */
    private boolean rescan() {
        if (!Files.isDirectory(directory)) return false;
        boolean changed = false;
        try (DirectoryStream<Path> found = Files.newDirectoryStream(directory, "*.jar")) {
            for (Path path : found) {
                FileTime modified = Files.getLastModifiedTime(path);
                Jar known = jars.get(path);
                if (known != null && known.modified().equals(modified)) continue;
                LOG.info("Loading trigger jar {}", path);
                jars.put(path, new Jar(modified, loaderOf(path)));
                changed = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the triggers directory " + directory, e);
        }
        return changed;
    }

    private URLClassLoader loaderOf(Path jar) throws IOException {
        Path copy = Files.createTempFile("charybdis-trigger-", ".jar");
        copy.toFile().deleteOnExit();
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        try {
            return new URLClassLoader("trigger " + jar.getFileName(), new URL[] {copy.toUri().toURL()}, parent);
        } catch (MalformedURLException e) {
            throw new IOException(e); // a file path always makes a URL
        }
    }

    /** The jars loaded so far (tests, logging). */
    synchronized List<Path> loadedJars() {
        return new ArrayList<>(jars.keySet());
    }
}
