package io.keycloakiot.device;

import io.keycloakiot.model.DeviceModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keycloakiot.common.ApiError;
import io.keycloakiot.authz.Caller;
import io.keycloakiot.model.DeviceProvider;
import io.keycloakiot.common.Json;
import io.keycloakiot.common.Owners;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorResponseException;
import org.keycloak.util.JsonSerialization;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Bulk device import for admins: every row is validated on its own, the valid rows are created and the
 * invalid ones reported with their row number, so one bad line never loses the rest.
 */
final class DeviceImporter {

    static final int MAX_ROWS = 100_000;
    private static final String ATTRIBUTE_COLUMN = "attributes.";
    private static final Set<String> CSV_COLUMNS = Set.of("name", "type", "externalId", "owner", "enabled",
            "claimSecretExpiresAt");
    /** RFC 4180, strictly: a quote opens and closes a whole field; blank lines are skipped. */
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private final Caller caller;
    private final DeviceProvider devices;
    private final Map<String, String> ownerIds = new HashMap<>();

    DeviceImporter(Caller caller) {
        this.caller = caller;
        this.devices = caller.session().getProvider(DeviceProvider.class);
    }

    /** One row's outcome; row numbers count data rows from 1. A created fleet device's claim secret is shown here, once. */
    @Schema(name = "DeviceImportRow", description = "One row's outcome; a failed row has the error a refused create would have")
    record RowResult(@Schema(required = true) int row,
                     @Schema(required = true, enumeration = {"created", "failed"}) String status,
                     String id, String externalId, String claimSecret, String error, String error_description) {
    }

    @Schema(name = "DeviceImportReport")
    record Report(@Schema(required = true) int created,
                  @Schema(required = true) int failed,
                  @Schema(required = true) List<RowResult> rows) {
    }

    /**
     * The rows of a JSON array (or {@code {"devices": [...]}}) or of a CSV text with a header line. A CSV line
     * that cannot become a row is kept with the reason, and reported as that row's error; malformed JSON or CSV
     * refuses the whole import.
     */
    static List<Row> rows(String contentType, String body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("text/csv")) {
            return csvRows(body);
        }
        if (type.startsWith("application/json")) {
            JsonNode document = Json.tree(body);
            JsonNode devices = document.isObject() ? Json.bind(document, Envelope.class).devices() : document;
            if (devices == null || !devices.isArray()) {
                throw ApiError.badRequest("expected a JSON array of devices, or an object with a 'devices' array");
            }
            List<Row> rows = new ArrayList<>();
            devices.forEach(device -> rows.add(new Row(device, null)));
            return rows;
        }
        throw ApiError.unsupportedMediaType("send application/json or text/csv");
    }

    /** {@code {"devices": [...]}}; its rows are bound one at a time, so that a bad one fails alone. */
    private record Envelope(JsonNode devices) {
    }

    /** A row to import: its JSON, or the reason its CSV line cannot be one. */
    record Row(JsonNode device, String problem) {
    }

    private static List<Row> csvRows(String body) {
        List<List<String>> records = csvRecords(body == null ? "" : body);
        if (records.isEmpty()) {
            throw ApiError.badRequest("the CSV has no header line");
        }
        List<String> header = records.get(0).stream().map(String::strip).toList();
        for (String column : header) {
            if (!CSV_COLUMNS.contains(column) && !column.startsWith(ATTRIBUTE_COLUMN)) {
                throw ApiError.badRequest("unknown CSV column " + Json.quoted(column) + "; allowed: " + String.join(", ", CSV_COLUMNS)
                        + " and attributes.<key>");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            ObjectNode row = JsonSerialization.mapper.createObjectNode();
            ObjectNode attributes = row.objectNode();
            for (int i = 0; i < Math.min(header.size(), record.size()); i++) {
                String column = header.get(i);
                String cell = record.get(i);
                if (cell.isEmpty()) {
                    continue;
                }
                if (column.startsWith(ATTRIBUTE_COLUMN)) {
                    attributes.put(column.substring(ATTRIBUTE_COLUMN.length()), cell);
                } else if (column.equals("enabled") && (cell.equals("true") || cell.equals("false"))) {
                    row.put(column, Boolean.parseBoolean(cell));
                } else if (column.equals("claimSecretExpiresAt") && cell.matches("[0-9]{1,18}")) {
                    row.put(column, Long.parseLong(cell));
                } else {
                    row.put(column, cell);
                }
            }
            if (!attributes.isEmpty()) {
                row.set("attributes", attributes);
            }
            rows.add(record.size() > header.size() ? new Row(null, "more cells than header columns") : new Row(row, null));
        }
        return rows;
    }

    /**
     * The records of a CSV text, the header first; a byte order mark is skipped. Malformed quoting ({@code "ab"cd}, a
     * quote left open) refuses the text, naming the data row (counted from 1 after the header) and the line.
     */
    static List<List<String>> csvRecords(String text) {
        List<List<String>> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text.startsWith("\uFEFF") ? text.substring(1) : text, CSV)) {
            try {
                for (CSVRecord record : parser) {
                    records.add(record.toList());
                }
            } catch (UncheckedIOException e) {
                String where = parser.getRecordNumber() == 0 ? "the header line"
                        : "row " + parser.getRecordNumber() + " (line " + parser.getCurrentLineNumber() + ")";
                throw ApiError.badRequest("malformed CSV in " + where
                        + ": a quoted field must be closed, and its closing quote followed by a comma or a line break");
            }
        } catch (IOException e) {
            throw ApiError.badRequest("malformed CSV");
        }
        return records;
    }

    Report importRows(List<Row> rows) {
        if (rows.size() > MAX_ROWS) {
            throw ApiError.payloadTooLarge("at most " + MAX_ROWS + " devices per import");
        }
        List<RowResult> results = new ArrayList<>(rows.size());
        List<Accepted> accepted = new ArrayList<>();
        Set<String> externalIdKeysInFile = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            int row = i + 1;
            try {
                if (rows.get(i).problem() != null) {
                    throw ApiError.badRequest("row " + row + ": " + rows.get(i).problem());
                }
                DeviceInput input = Json.bind(rows.get(i).device(), DeviceInput.Body.class).creating();
                String ownerId = ownerId(input.owner());
                if (input.externalId() != null && !externalIdKeysInFile.add(DeviceModel.keyOf(input.externalId()))) {
                    throw ApiError.conflict("externalId appears more than once in this import (ignoring case)");
                }
                DeviceRegistry.requireClaimSecretFits(ownerId, input.claimSecretExpiresAt());
                accepted.add(new Accepted(row, input, ownerId));
            } catch (ErrorResponseException e) {
                results.add(new RowResult(row, "failed", null, null, null, e.getError(), e.getErrorDescription()));
            }
        }
        Set<String> taken = devices.takenExternalIdKeys(caller.realm(), externalIdKeysInFile);
        DeviceRegistry registry = new DeviceRegistry(caller);
        int created = 0;
        for (Accepted row : accepted) {
            String externalId = row.input().externalId();
            if (externalId != null && taken.contains(DeviceModel.keyOf(externalId))) {
                ErrorResponseException conflict = DeviceRegistry.duplicateExternalId();
                results.add(new RowResult(row.row(), "failed", null, externalId, null, conflict.getError(),
                        conflict.getErrorDescription()));
                continue;
            }
            DeviceRegistry.Registered registered = registry.create(row.input(), row.ownerId());
            created++;
            results.add(new RowResult(row.row(), "created", registered.device().getId(), externalId, registered.claimSecret(), null, null));
            if (created % 1000 == 0) {
                devices.flush();
            }
        }
        // A device created meanwhile with one of the file's externalIds fails the import as a whole, before the answer.
        devices.flush();
        results.sort((a, b) -> Integer.compare(a.row(), b.row()));
        return new Report(created, rows.size() - created, results);
    }

    /** A row that passed validation, to be created unless its externalId is taken. */
    private record Accepted(int row, DeviceInput input, String ownerId) {
    }

    private String ownerId(String owner) {
        if (owner == null) {
            return null;
        }
        String cached = ownerIds.get(owner);
        if (cached == null) {
            cached = Owners.resolve(caller.session(), caller.realm(), owner);
            ownerIds.put(owner, cached);
        }
        return cached;
    }
}
