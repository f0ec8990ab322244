package io.keycloakiot.common;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.services.ErrorResponseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvTest {

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() {
        List<List<String>> records = Csv.parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n");
        assertEquals(List.of(List.of("a", "b", "c"), List.of("x, y", "say \"hi\"", "two\nlines")), records);
    }

    @Test
    void keepsEmptyCellsSkipsBlankLinesAndAByteOrderMark() {
        assertEquals(List.of(List.of("h1", "h2"), List.of("", ""), List.of("v", "")),
                Csv.parse("\uFEFFh1,h2\n,\n\n\nv,"));
    }

    @Test
    void anUnclosedQuoteIsRefused() {
        assertThrows(ErrorResponseException.class, () -> Csv.parse("a\n\"open,b\n"));
    }
}
