package io.keycloakiot.device;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.services.ErrorResponseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rows of an import: RFC 4180 CSV and JSON, and what refuses a whole import before any row is looked at. */
class DeviceImportRowsTest {

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() {
        assertEquals(List.of(List.of("a", "b", "c"), List.of("x, y", "say \"hi\"", "two\nlines")),
                DeviceImporter.csvRecords("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n"));
    }

    @Test
    void keepsEmptyCellsSkipsBlankLinesAndAByteOrderMark() {
        assertEquals(List.of(List.of("h1", "h2"), List.of("", ""), List.of("v", "")),
                DeviceImporter.csvRecords("\uFEFFh1,h2\n,\n\n\nv,"));
        assertEquals(List.of(List.of("a"), List.of("b"), List.of("c")), DeviceImporter.csvRecords("a\rb\r\nc"));
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsText() {
        assertEquals(List.of(List.of("a", "b"), List.of("ab\"cd", "x")), DeviceImporter.csvRecords("a,b\nab\"cd,x\n"));
    }

    @Test
    void textAfterAClosingQuoteRefusesTheImportNamingTheRow() {
        assertRefused("name,type\nok,1\nok,2\n\"ab\"cd,x\n", "malformed CSV in row 3 (line 4)");
    }

    @Test
    void anUnclosedQuoteRefusesTheImportNamingTheRow() {
        assertRefused("name,type\nok,1\n\"open,x\nnext,y\n", "malformed CSV in row 2 (line 4)");
        assertRefused("\"name,type\n", "malformed CSV in the header line");
    }

    @Test
    void aRowAfterAnEmbeddedLineBreakKeepsItsNumber() {
        assertRefused("name,type\n\"two\nlines\",x\n\"ab\"c,y\n", "malformed CSV in row 2 (line 4)");
    }

    @Test
    void csvCellsBecomeRowsAndALongLineIsReportedAsItsRow() {
        List<DeviceImporter.Row> rows = DeviceImporter.rows("text/csv; charset=utf-8",
                "name,type,enabled,claimSecretExpiresAt,attributes.site\n\"Pump, north\",pump,false,1900000000000,\"Plant \"\"A\"\"\"\n"
                        + "Too many,pump,,,,extra\n");
        assertEquals(2, rows.size());
        assertEquals("{\"name\":\"Pump, north\",\"type\":\"pump\",\"enabled\":false,\"claimSecretExpiresAt\":1900000000000,"
                + "\"attributes\":{\"site\":\"Plant \\\"A\\\"\"}}", rows.get(0).device().toString());
        assertEquals("more cells than header columns", rows.get(1).problem());
    }

    @Test
    void anUnknownColumnIsShownSafely() {
        ErrorResponseException e = assertThrows(ErrorResponseException.class,
                () -> DeviceImporter.rows("text/csv", "name,col\u202Eour\nx,red\n"));
        assertTrue(e.getErrorDescription().startsWith("unknown CSV column \"col\\u202Eour\"; allowed: "), e.getErrorDescription());
    }

    @Test
    void jsonRowsComeFromAnArrayOrADevicesEnvelopeOnly() {
        assertEquals(2, DeviceImporter.rows("application/json", "[{\"name\":\"a\"},\"not an object\"]").size());
        assertEquals(1, DeviceImporter.rows("application/json", "{\"devices\":[{\"name\":\"a\"}]}").size());
        ErrorResponseException e = assertThrows(ErrorResponseException.class,
                () -> DeviceImporter.rows("application/json", "{\"devices\":[],\"rows\":[]}"));
        assertEquals("unknown field $.rows; allowed: devices", e.getErrorDescription());
    }

    @Test
    void aRowIsBoundOnItsOwn() {
        DeviceImporter.Row row = DeviceImporter.rows("application/json", "[{\"type\":\"meter\"}]").get(0);
        ErrorResponseException e = assertThrows(ErrorResponseException.class,
                () -> io.keycloakiot.common.Json.bind(row.device(), DeviceInput.Body.class).creating());
        assertEquals("$.name is required", e.getErrorDescription());
    }

    private static void assertRefused(String csv, String descriptionStart) {
        ErrorResponseException e = assertThrows(ErrorResponseException.class, () -> DeviceImporter.rows("text/csv", csv));
        assertEquals(400, e.getResponse().getStatus());
        assertTrue(e.getErrorDescription().startsWith(descriptionStart), e.getErrorDescription());
    }
}
