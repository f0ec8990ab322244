package io.keycloakiot.model.cache;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.keycloakiot.model.TokenProvider;
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

    /** A use: when, from which address, through which client, and whose address it is ({@code client} or {@code holder}). */
    public record Use(long at, String ip, String via, String ipOf) {
    }

    /** Notes a use, to the minute: uses of one minute and presenter are then written by one bulk update. */
    public void record(String keyId, long at, String address, String via, String addressOf) {
        if (pending.size() < MAX_PENDING || pending.containsKey(keyId)) {
            pending.put(keyId, new Use(at - at % RESOLUTION_MS, address, via, addressOf));
        }
    }

    /**
     * The newest use this node noted for the token, whether or not its flush has committed yet, or null: lists
     * show it, and validations compare with it.
     */
    public Use lastNoted(String keyId) {
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
        TokenProvider tokens = session.getProvider(TokenProvider.class);
        Map<Use, List<String>> byUse = batch.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
                Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        byUse.forEach((use, ids) -> {
            for (int from = 0; from < ids.size(); from += CHUNK) {
                tokens.recordUse(ids.subList(from, Math.min(ids.size(), from + CHUNK)), use.at(), use.ip(), use.via(), use.ipOf());
            }
        });
    }

    @Override
    public String getTaskName() {
        return "iot-last-use-flush";
    }
}
