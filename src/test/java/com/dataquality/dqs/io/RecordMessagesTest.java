package com.dataquality.dqs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.parse.CsvRows;
import com.dataquality.dqs.parse.JsonRecordParser;
import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.RejectReason;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordMessagesTest {

    private static List<String> messages(String csv) throws Exception {
        List<String> out = new ArrayList<>();
        try (CsvRows rows =
                new CsvRows(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            for (CsvRows.Row r = rows.next(); r != null; r = rows.next()) {
                out.add(RecordMessages.of(rows.header(), r));
            }
        }
        return out;
    }

    @Test
    void rowBecomesJsonThatParsesToTheSameRecord() throws Exception {
        List<String> m =
                messages(
                        "source,tenant_id,dataset_uuid,dataset_name,rule_code,business_date,results,dataset_record_count\n"
                                + "s,t,d,\"Name, with \"\"quotes\"\"\",R101,2024-03-01,\"{\"\"status\"\": \"\"Fail\"\"}\",\n\n"
                                + "s,t,d,n,7,2024-03-02,\"{\"\"result\"\": \"\"pass\"\"}\",12\n");
        assertEquals(2, m.size());
        ParseResult first = JsonRecordParser.parse(m.get(0), "in", 0, 0, 0);
        assertTrue(first.isValid(), m.get(0));
        assertEquals("Name, with \"quotes\"", first.execution().datasetName());
        assertEquals(101, first.execution().ruleCode());
        assertNull(first.execution().datasetRecordCount());
        ParseResult second = JsonRecordParser.parse(m.get(1), "in", 0, 1, 1);
        assertEquals(12L, second.execution().datasetRecordCount());
    }

    @Test
    void unsplittableRowIsSentRawAndRejectedAsMalformed() throws Exception {
        List<String> m = messages("source,tenant_id\na,b,c\n\"open quote\n");
        assertEquals("a,b,c", m.get(0));
        assertEquals(
                RejectReason.MALFORMED_ROW,
                JsonRecordParser.parse(m.get(0), "in", 0, 0, 0).deadLetter().reason());
    }

    @Test
    void aRowWhoseUsedColumnIsNotUtf8IsSentRawAsTheCsvReaderRejectsIt() throws Exception {
        byte[] csv = "source,notes\ns\u00e9,x\ns,\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>();
        try (CsvRows rows = new CsvRows(new ByteArrayInputStream(csv))) {
            for (CsvRows.Row r = rows.next(); r != null; r = rows.next()) {
                out.add(RecordMessages.of(rows.header(), r));
            }
        }
        assertEquals("s\uFFFD,x", out.get(0), "source is read: the row is not split");
        assertEquals("{\"source\":\"s\",\"notes\":\"\uFFFD\"}", out.get(1), "notes is not");
    }

    @Test
    void aLineOfNulBytesAndTheLinesAfterAStrayQuoteInTheHeaderAreMessagesToo() throws Exception {
        assertEquals(
                List.of("\0\0", "{\"source\":\"a\",\"tenant_id\":\"b\"}"),
                messages("source,tenant_id\n\0\0\na,b\n"));
        assertEquals(List.of("a,b", "c,d"), messages("\"source,tenant_id\na,b\nc,d\n"));
        assertEquals(List.of("\0", "{\"source\":\"a\"}"), messages("\0\nsource\na\n"));
    }

    @Test
    void repeatedHeaderKeepsTheFirstColumnAsTheCsvReaderDoes() throws Exception {
        List<String> m = messages("source,Source\nfirst,second\n");
        assertEquals("{\"source\":\"first\"}", m.get(0));
    }
}
