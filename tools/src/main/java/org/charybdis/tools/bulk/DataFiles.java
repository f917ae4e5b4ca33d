package org.charybdis.tools.bulk;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where {@code -url} points, as DSBulk reads it: {@code -} is standard output or input; a directory (one that exists,
 * or a path ending in a slash) gets {@code output-000001.csv} on unload and has every file of the format's extension
 * read, in name order, on load; anything else is one file. Files are UTF-8.
 */
final class DataFiles {
    static final String STANDARD_STREAMS = "-";

    private DataFiles() {}

    /** The writer unload writes to; closing it closes a file and only flushes standard output. */
    static Writer output(String url, DataFormat format) throws IOException {
        if (url.equals(STANDARD_STREAMS)) {
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        Path path = Path.of(url);
        if (Files.isDirectory(path) || url.endsWith("/")) {
            Files.createDirectories(path);
            path = path.resolve("output-000001." + format.extension());
        } else if (path.toAbsolutePath().getParent() != null) {
            Files.createDirectories(path.toAbsolutePath().getParent());
        }
        return Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    }

    /** The files load reads, or an empty list for standard input. */
    static List<Path> inputs(String url, DataFormat format) throws IOException {
        if (url.equals(STANDARD_STREAMS)) return List.of();
        Path path = Path.of(url);
        if (!Files.exists(path)) throw new IllegalArgumentException(url + " does not exist");
        if (!Files.isDirectory(path)) return List.of(path);
        try (Stream<Path> files = Files.list(path)) {
            List<Path> found = files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith("." + format.extension()))
                    .sorted().toList();
            if (found.isEmpty()) throw new IllegalArgumentException(url + " holds no ." + format.extension() + " file");
            return found;
        }
    }

    static Reader standardInput() {
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
}
