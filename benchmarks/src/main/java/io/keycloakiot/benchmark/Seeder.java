package io.keycloakiot.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.keycloakiot.token.TokenFormat;
import io.keycloakiot.token.TokenKind;

/**
 * Seeds devices with one device token each straight into the database, in the server's own formats (the
 * token hash is computed by the pack's {@link TokenFormat}): creating 100,000 through the API would measure
 * the API, not the validation. Keeps the issued token strings for the load.
 */
final class Seeder {

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String realmId;
    private final String ownerId;
    private final List<String> tokens = new ArrayList<>();

    Seeder(String jdbcUrl, String user, String password, String realmId, String ownerId) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.realmId = realmId;
        this.ownerId = ownerId;
    }

    List<String> tokens() {
        return tokens;
    }

    /** Adds devices and tokens until there are {@code total}. */
    void seedUpTo(int total) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
            db.setAutoCommit(false);
            try (PreparedStatement device = db.prepareStatement("INSERT INTO IOT_DEVICE (ID, REALM_ID, EXTERNAL_ID, NAME, TYPE,"
                    + " OWNER_ID, ATTRIBUTES, ENABLED, CREATED_AT) VALUES (?, ?, ?, ?, 'sensor', ?, NULL, TRUE, ?)");
                 PreparedStatement credential = db.prepareStatement("INSERT INTO IOT_CREDENTIAL (ID, REALM_ID, KIND, SUBJECT_ID,"
                         + " NAME, SECRET_HASH, CREATED_AT, CREATED_BY, EXPIRES_AT, LAST_USED_AT, LAST_USED_IP, ENABLED)"
                         + " VALUES (?, ?, 'DEVICE', ?, 'bench', ?, ?, ?, NULL, NULL, NULL, TRUE)")) {
                long now = System.currentTimeMillis();
                for (int i = tokens.size(); i < total; i++) {
                    String deviceId = UUID.randomUUID().toString();
                    device.setString(1, deviceId);
                    device.setString(2, realmId);
                    device.setString(3, "BENCH-" + i);
                    device.setString(4, "Bench device " + i);
                    device.setString(5, ownerId);
                    device.setLong(6, now);
                    device.addBatch();
                    TokenFormat.Parsed token = TokenFormat.generate(TokenKind.DEVICE);
                    credential.setString(1, token.keyId());
                    credential.setString(2, realmId);
                    credential.setString(3, deviceId);
                    credential.setString(4, TokenFormat.hash(token.token()));
                    credential.setLong(5, now);
                    credential.setString(6, ownerId);
                    credential.addBatch();
                    tokens.add(token.token());
                    if (i % 1000 == 999) {
                        device.executeBatch();
                        credential.executeBatch();
                    }
                }
                device.executeBatch();
                credential.executeBatch();
            }
            db.commit();
            try (PreparedStatement analyze = db.prepareStatement("ANALYZE")) {
                analyze.execute();
            }
        }
    }
}
