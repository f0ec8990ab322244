package io.keycloakiot.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.keycloakiot.token.TokenFormat;
import io.keycloakiot.model.TokenKind;

/**
 * Seeds devices with one device token each, grounds with one ground token each, and shares straight into the
 * database, in the server's own formats (the token hash is computed by the pack's {@link TokenFormat}): creating
 * 100,000 through the API would measure the API, not the validation. Keeps the issued token strings and the ids
 * for the load.
 */
final class Seeder {

    /** A range of device numbers [from, to) owned by someone other than the default owner. */
    private record Block(int from, int to, String ownerId) {
    }

    /** Seeded grounds: ground {@code g} holds the devices numbered {@code g * size} to {@code (g + 1) * size - 1}. */
    record Grounds(List<String> ids, List<String> tokens, int size) {
    }

    /** One accepted share of a device (by number) with a recipient, for the actions (as "read,control"). */
    record Share(int device, String recipientId, String recipientEmail, String actions) {
    }

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String realmId;
    private final String ownerId;
    private final List<Block> blocks = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();
    private final List<String> deviceIds = new ArrayList<>();

    Seeder(String jdbcUrl, String user, String password, String realmId, String ownerId) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.realmId = realmId;
        this.ownerId = ownerId;
    }

    /** Device tokens, by device number. */
    List<String> tokens() {
        return tokens;
    }

    /** Device ids, by device number. */
    List<String> deviceIds() {
        return deviceIds;
    }

    /** The devices numbered [from, to), when seeded, belong to the user instead of the default owner. */
    void own(int from, int to, String userId) {
        if (from < tokens.size()) {
            throw new IllegalStateException("devices from " + from + " are seeded already");
        }
        blocks.add(new Block(from, to, userId));
    }

    String ownerOf(int device) {
        return blocks.stream().filter(block -> device >= block.from() && device < block.to()).map(Block::ownerId)
                .findFirst().orElse(ownerId);
    }

    /** Adds devices and tokens until there are {@code total}. */
    void seedUpTo(int total) throws SQLException {
        try (Connection db = connect()) {
            try (PreparedStatement device = db.prepareStatement("INSERT INTO IOT_DEVICE (ID, REALM_ID, EXTERNAL_ID, EXTERNAL_ID_KEY,"
                    + " NAME, TYPE, OWNER_ID, ATTRIBUTES, ENABLED, CREATED_AT) VALUES (?, ?, ?, LOWER(?), ?, 'sensor', ?, NULL, TRUE, ?)");
                 PreparedStatement credential = credentialInsert(db)) {
                long now = System.currentTimeMillis();
                for (int i = tokens.size(); i < total; i++) {
                    String deviceId = UUID.randomUUID().toString();
                    String owner = ownerOf(i);
                    device.setString(1, deviceId);
                    device.setString(2, realmId);
                    device.setString(3, "BENCH-" + i);
                    device.setString(4, "BENCH-" + i);
                    device.setString(5, "Bench device " + i);
                    device.setString(6, owner);
                    device.setLong(7, now);
                    device.addBatch();
                    tokens.add(addCredential(credential, TokenKind.DEVICE, deviceId, owner, now));
                    deviceIds.add(deviceId);
                    if (i % 1000 == 999) {
                        device.executeBatch();
                        credential.executeBatch();
                    }
                }
                device.executeBatch();
                credential.executeBatch();
            }
            commitAndAnalyze(db);
        }
    }

    /**
     * Puts every seeded device into one of {@code count} grounds of equal size (consecutive device numbers, the
     * owner of the first device owning the ground) and gives each ground one ground token.
     */
    Grounds seedGrounds(int count) throws SQLException {
        int size = deviceIds.size() / count;
        if (size == 0) {
            throw new IllegalStateException(count + " grounds need at least as many devices");
        }
        List<String> ids = new ArrayList<>();
        List<String> groundTokens = new ArrayList<>();
        try (Connection db = connect()) {
            try (PreparedStatement ground = db.prepareStatement("INSERT INTO IOT_GROUND (ID, REALM_ID, NAME, DESCRIPTION, OWNER_ID,"
                    + " CREATED_AT) VALUES (?, ?, ?, NULL, ?, ?)");
                 PreparedStatement member = db.prepareStatement("INSERT INTO IOT_GROUND_DEVICE (GROUND_ID, DEVICE_ID, ADDED_AT)"
                         + " VALUES (?, ?, ?)");
                 PreparedStatement credential = credentialInsert(db)) {
                long now = System.currentTimeMillis();
                for (int g = 0; g < count; g++) {
                    String groundId = UUID.randomUUID().toString();
                    String owner = ownerOf(g * size);
                    ground.setString(1, groundId);
                    ground.setString(2, realmId);
                    ground.setString(3, "Bench ground " + g);
                    ground.setString(4, owner);
                    ground.setLong(5, now);
                    ground.addBatch();
                    for (int d = g * size; d < (g + 1) * size; d++) {
                        member.setString(1, groundId);
                        member.setString(2, deviceIds.get(d));
                        member.setLong(3, now + d - g * size);
                        member.addBatch();
                    }
                    groundTokens.add(addCredential(credential, TokenKind.GROUND, groundId, owner, now));
                    ids.add(groundId);
                    if (g % 100 == 99) {
                        ground.executeBatch();
                        credential.executeBatch();
                        member.executeBatch();
                    }
                }
                ground.executeBatch();
                credential.executeBatch();
                member.executeBatch();
            }
            commitAndAnalyze(db);
        }
        return new Grounds(List.copyOf(ids), List.copyOf(groundTokens), size);
    }

    /** Accepted device shares from the devices' owners, as the share API leaves them once the recipient accepted. */
    void seedShares(List<Share> shares) throws SQLException {
        try (Connection db = connect()) {
            try (PreparedStatement share = db.prepareStatement("INSERT INTO IOT_SHARE (ID, REALM_ID, RESOURCE_TYPE, RESOURCE_ID,"
                    + " OWNER_ID, RECIPIENT_EMAIL, RECIPIENT_ID, ACTIONS, RESHARE_ALLOWED, STATUS, CREATED_AT, CREATED_BY,"
                    + " RESPONDED_AT, EXPIRES_AT) VALUES (?, ?, 'device', ?, ?, ?, ?, ?, FALSE, 'ACCEPTED', ?, ?, ?, NULL)")) {
                long now = System.currentTimeMillis();
                int n = 0;
                for (Share s : shares) {
                    String owner = ownerOf(s.device());
                    share.setString(1, UUID.randomUUID().toString());
                    share.setString(2, realmId);
                    share.setString(3, deviceIds.get(s.device()));
                    share.setString(4, owner);
                    share.setString(5, s.recipientEmail().toLowerCase(java.util.Locale.ROOT));
                    share.setString(6, s.recipientId());
                    share.setString(7, "," + s.actions() + ",");
                    share.setLong(8, now);
                    share.setString(9, owner);
                    share.setLong(10, now);
                    share.addBatch();
                    if (++n % 1000 == 0) {
                        share.executeBatch();
                    }
                }
                share.executeBatch();
            }
            commitAndAnalyze(db);
        }
    }

    /** How many of the owner's shares are pending (the invitations the mail scenario made). */
    long pendingSharesOf(String owner) throws SQLException {
        try (Connection db = connect();
             PreparedStatement count = db.prepareStatement("SELECT COUNT(*) FROM IOT_SHARE WHERE REALM_ID = ? AND OWNER_ID = ?"
                     + " AND STATUS = 'PENDING'")) {
            count.setString(1, realmId);
            count.setString(2, owner);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private Connection connect() throws SQLException {
        Connection db = DriverManager.getConnection(jdbcUrl, user, password);
        db.setAutoCommit(false);
        return db;
    }

    private static PreparedStatement credentialInsert(Connection db) throws SQLException {
        return db.prepareStatement("INSERT INTO IOT_CREDENTIAL (ID, REALM_ID, KIND, SUBJECT_ID, NAME, SECRET_HASH, CREATED_AT,"
                + " CREATED_BY, EXPIRES_AT, LAST_USED_AT, LAST_USED_IP, ENABLED, PERMISSIONS)"
                + " VALUES (?, ?, ?, ?, 'bench', ?, ?, ?, NULL, NULL, NULL, TRUE, NULL)");
    }

    /** Adds one token row (default permissions of its kind) to the batch; returns the token string. */
    private String addCredential(PreparedStatement credential, TokenKind kind, String subjectId, String createdBy, long now)
            throws SQLException {
        TokenFormat.Parsed token = TokenFormat.generate(kind);
        credential.setString(1, token.keyId());
        credential.setString(2, realmId);
        credential.setString(3, kind.name());
        credential.setString(4, subjectId);
        credential.setString(5, TokenFormat.hash(token.token()));
        credential.setLong(6, now);
        credential.setString(7, createdBy);
        credential.addBatch();
        return token.token();
    }

    private static void commitAndAnalyze(Connection db) throws SQLException {
        db.commit();
        db.setAutoCommit(true);
        try (PreparedStatement analyze = db.prepareStatement("ANALYZE")) {
            analyze.execute();
        }
    }
}
