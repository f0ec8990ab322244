package io.keycloakiot.token;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * Writes "last used" behind, to the minute: validations only note the use in memory (at most once a minute per
 * token), and a timer task writes the notes in a few bulk updates. A validation never writes to the database; a node that
 * stops loses at most one interval of notes, which only ever makes "last used" look older.
 */
public final class LastUseRecorder implements ScheduledTask {

    /** The one recorder of this node. */
    public static final LastUseRecorder NODE = new LastUseRecorder();

    /** Bounded: past this many distinct pending tokens, further uses wait for the next flush to be noted. */
    static final int MAX_PENDING = 100_000;
    static final long RESOLUTION_MS = 60_000;
    private static final int CHUNK = 500;

    private final Map<String, Use> pending = new ConcurrentHashMap<>();
    /** Each token's use last handed to a flush by this node, so cached validations need not note it again. */
    private final Map<String, Use> written = new ConcurrentHashMap<>();

    private LastUseRecorder() {
    }

    /** A use: when, from which address, through which client, and whose address it is ({@link TokenPresenter}). */
    public record Use(long at, String ip, String via, String ipOf) {
    }

    /** Notes a use, to the minute: uses of one minute and presenter are then written by one bulk update. */
    void record(String keyId, long at, TokenPresenter presenter) {
        if (pending.size() < MAX_PENDING || pending.containsKey(keyId)) {
            pending.put(keyId, new Use(at - at % RESOLUTION_MS, presenter.address(), presenter.via(), presenter.addressOf()));
        }
    }

    /**
     * The newest use this node noted for the token, whether or not its flush has committed yet, or null: lists
     * show it, and validations compare with it.
     */
    Use lastNoted(String keyId) {
        Use use = pending.get(keyId);
        return use != null ? use : written.get(keyId);
    }

    /** Writes the pending uses in bulk updates, one per minute and presenter (and per 500 tokens). */
    @Override
    public void run(KeycloakSession session) {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Use> batch = Map.copyOf(pending);
        if (written.size() > MAX_PENDING) {
            written.clear();
        }
        // Into "written" before out of "pending": a list never misses a use while the flush commits.
        written.putAll(batch);
        batch.forEach(pending::remove);
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        Map<Use, List<String>> byUse = batch.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
                Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        byUse.forEach((use, ids) -> {
            for (int from = 0; from < ids.size(); from += CHUNK) {
                em.createQuery("update IotCredential c set c.lastUsedAt = :at, c.lastUsedIp = :ip, c.lastUsedVia = :via,"
                                + " c.lastUsedIpOf = :ipOf where c.id in :ids and (c.lastUsedAt is null or c.lastUsedAt < :at)")
                        .setParameter("at", use.at()).setParameter("ip", use.ip()).setParameter("via", use.via())
                        .setParameter("ipOf", use.ipOf())
                        .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK))).executeUpdate();
            }
        });
    }

    @Override
    public String getTaskName() {
        return "iot-last-use-flush";
    }
}
