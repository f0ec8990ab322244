package io.keycloakiot.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * Writes "last used" behind: validations only note the use in memory (at most once a minute per token), and a
 * timer task writes the notes in a few bulk updates. A validation never writes to the database; a node that
 * stops loses at most one interval of notes, which only ever makes "last used" look older.
 */
public final class LastUseRecorder implements ScheduledTask {

    /** The one recorder of this node. */
    public static final LastUseRecorder NODE = new LastUseRecorder();

    /** Bounded: past this many distinct pending tokens, further uses wait for the next flush to be noted. */
    static final int MAX_PENDING = 100_000;
    private static final int CHUNK = 500;

    private final Map<String, Use> pending = new ConcurrentHashMap<>();
    /** When each token's use was last written by this node, so cached validations need not note it again. */
    private final Map<String, Long> written = new ConcurrentHashMap<>();

    private LastUseRecorder() {
    }

    /** A use: when, and from which address. */
    public record Use(long at, String ip) {
    }

    void record(String keyId, long at, String ip) {
        if (pending.size() < MAX_PENDING || pending.containsKey(keyId)) {
            pending.put(keyId, new Use(at, ip));
        }
    }

    /** The use noted on this node and not yet written, if any: lists show it before the flush. */
    Use pending(String keyId) {
        return pending.get(keyId);
    }

    /** The newest use this node noted for the token, written or not, or null. */
    Long lastNoted(String keyId) {
        Use use = pending.get(keyId);
        return use != null ? Long.valueOf(use.at()) : written.get(keyId);
    }

    /** Writes the pending uses, grouped by address, in bulk updates of the newest time per group. */
    @Override
    public void run(KeycloakSession session) {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Use> batch = Map.copyOf(pending);
        batch.forEach(pending::remove);
        if (written.size() > MAX_PENDING) {
            written.clear();
        }
        batch.forEach((keyId, use) -> written.put(keyId, use.at()));
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        Map<String, List<Map.Entry<String, Use>>> byAddress = batch.entrySet().stream()
                .collect(Collectors.groupingBy(entry -> String.valueOf(entry.getValue().ip())));
        for (List<Map.Entry<String, Use>> group : byAddress.values()) {
            for (int from = 0; from < group.size(); from += CHUNK) {
                List<Map.Entry<String, Use>> chunk = group.subList(from, Math.min(group.size(), from + CHUNK));
                List<String> ids = new ArrayList<>(chunk.size());
                long newest = 0;
                for (Map.Entry<String, Use> entry : chunk) {
                    ids.add(entry.getKey());
                    newest = Math.max(newest, entry.getValue().at());
                }
                em.createQuery("update IotCredential c set c.lastUsedAt = :at, c.lastUsedIp = :ip"
                                + " where c.id in :ids and (c.lastUsedAt is null or c.lastUsedAt < :at)")
                        .setParameter("at", newest).setParameter("ip", chunk.get(0).getValue().ip())
                        .setParameter("ids", ids).executeUpdate();
            }
        }
    }

    @Override
    public String getTaskName() {
        return "iot-last-use-flush";
    }
}
