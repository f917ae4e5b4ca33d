package org.charybdis.tools.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** nodetool's {@code -pwf} file: lines of {@code <username> <password>}; blank lines and {@code #} comments are skipped. */
final class PasswordFile {
    record Login(String user, String password) {}

    private PasswordFile() {}

    /** The line of {@code user}, or the first line when user is null; an {@link IOException} saying what is wrong otherwise. */
    static Login read(Path file, String user) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new IOException("password file " + file + " does not exist");
        }
        for (String line : lines) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) continue;
            String[] fields = entry.split("\\s+", 2);
            if (fields.length < 2) throw new IOException("password file " + file + " has a line without a password: use '<username> <password>'");
            if (user == null || fields[0].equals(user)) return new Login(fields[0], fields[1]);
        }
        throw new IOException(user == null ? "password file " + file + " holds no '<username> <password>' line"
                : "password file " + file + " has no line for user " + user);
    }
}
