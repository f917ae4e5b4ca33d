package org.charybdis.tools.bulk;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CSV fields written and read back: quoting, line breaks inside fields, null versus the empty string. */
class CsvFormatTest {
    private final CsvFormat csv = new CsvFormat(',');

    @Test
    void fieldsThatNeedQuotesGetThemAndNullIsAnEmptyUnquotedField() {
        assertThat(csv.format(Arrays.asList("plain", "a,b", "say \"hi\"", "", null, " padded", "two\nlines")))
                .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"\",,\" padded\",\"two\nlines\"");
    }

    @Test
    void whatIsWrittenReadsBackTheSame() throws IOException {
        List<String> first = Arrays.asList("plain", "a,b", "say \"hi\"", "", null, " padded ", "crlf\r\ninside");
        List<String> second = Arrays.asList(null, "x", null);
        String text = csv.format(first) + "\r\n" + csv.format(second) + "\n";

        assertThat(readAll(text)).containsExactly(first, second);
    }

    @Test
    void anotherDelimiterAndBlankLinesBetweenRecords() throws IOException {
        CsvFormat pipes = new CsvFormat('|');
        assertThat(pipes.format(List.of("a|b", "c,d"))).isEqualTo("\"a|b\"|c,d");
        assertThat(readAll(pipes, "1|x\n\n2|y")).containsExactly(List.of("1", "x"), List.of("2", "y"));
    }

    @Test
    void aQuoteNeverClosedIsReportedWithItsLine() {
        assertThatThrownBy(() -> readAll("a,b\n1,\"open\n2,3\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("line 2: a quoted field is never closed");
        assertThatThrownBy(() -> readAll("\"closed\"x,1\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("line 1: text after a quoted field's closing quote");
    }

    private List<List<String>> readAll(String text) throws IOException {
        return readAll(csv, text);
    }

    private static List<List<String>> readAll(CsvFormat format, String text) throws IOException {
        CsvFormat.RecordReader reader = format.new RecordReader(new StringReader(text));
        List<List<String>> records = new ArrayList<>();
        for (List<String> record = reader.next(); record != null; record = reader.next()) records.add(record);
        return records;
    }
}
