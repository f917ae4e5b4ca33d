package org.charybdis.server.itests;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.ReadFailureException;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpPost;
import org.charybdis.storage.testing.FileDamage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A read that meets a corrupt SSTable: the client gets ReadFailure (its message names the file), the server logs the file once
 * (not once per read), and the server keeps serving everything else.
 */
class CorruptSSTableReadTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @Test
    void readsOfACorruptFileFailWithReadFailureAndTheFileIsLoggedOnce() throws IOException {
        CqlSession session = server.session();
        session.execute("CREATE KEYSPACE cs WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE cs.damaged (k int PRIMARY KEY, v text)");
        session.execute("CREATE TABLE cs.healthy (k int PRIMARY KEY, v text)");
        String value = "v".repeat(500);
        for (int k = 0; k < 400; k++) {
            session.execute("INSERT INTO cs.damaged (k, v) VALUES (?, ?)", k, value + k);
            session.execute("INSERT INTO cs.healthy (k, v) VALUES (?, ?)", k, value + k);
        }
        HttpPost.post(server.apiPort(), "/storage/flush?keyspace=cs");
        List<Path> dataFiles = dataFiles("damaged");
        assertThat(dataFiles).isNotEmpty();
        for (Path file : dataFiles) FileDamage.flipSixteenBytesInTheMiddle(file);

        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logged.start();
        root.addAppender(logged);
        try {
            for (int i = 0; i < 3; i++) {
                // the Java driver words a ReadFailure itself; the server's message (which drivers such as Python's show) names the file
                assertThatThrownBy(() -> session.execute("SELECT count(*) FROM cs.damaged").one())
                        .isInstanceOfSatisfying(ReadFailureException.class, failure -> assertThat(failure.getNumFailures()).isEqualTo(1));
            }
        } finally {
            root.detachAppender(logged);
        }
        List<String> errors = logged.list.stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(errors).as("one line per damaged file, whatever the number of reads").hasSizeBetween(1, dataFiles.size())
                .allSatisfy(line -> assertThat(line).contains("Corrupted SSTable file").contains("cs.damaged").contains("offset"));
        assertThat(logged.list).noneMatch(e -> e.getLevel() == Level.ERROR && e.getThrowableProxy() != null);

        assertThat(session.execute("SELECT count(*) FROM cs.healthy").one().getLong(0)).isEqualTo(400);
    }

    private static List<Path> dataFiles(String table) throws IOException {
        try (Stream<Path> files = Files.walk(server.workdir())) {
            return files.filter(p -> p.getFileName().toString().endsWith("Data.db") && p.toString().contains(table)).toList();
        }
    }
}
