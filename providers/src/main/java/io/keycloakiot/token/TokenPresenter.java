package io.keycloakiot.token;

import com.google.common.net.InetAddresses;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

/**
 * Who presented a token to Keycloak, as "last used" records it: the client that introspected, checked or exchanged it
 * ({@code via}) and whose address that is ({@code addressOf}). Keycloak sees only the client's own address; a client the
 * realm marks trusted ({@value #TRUSTED_ATTRIBUTE}) may report the holder's (the device's) address, which must be an IP
 * address literal, else the client's own is recorded.
 */
public record TokenPresenter(String via, String address, String addressOf) {

    /** Client attribute: "true" lets the client report the holder's address ({@code device_address}). */
    public static final String TRUSTED_ATTRIBUTE = "iot.device.address.trusted";
    /** The request parameter (introspection) and JSON field (check API) a trusted client reports it in. */
    public static final String REPORTED_ADDRESS = "device_address";
    /** The address is the presenting client's own. */
    public static final String CLIENT = "client";
    /** The address is the token holder's, as reported by the trusted client {@code via}. */
    public static final String HOLDER = "holder";
    static final int MAX_ADDRESS_LENGTH = 64;

    /** {@code client} may be null (the holder itself presented the token); {@code reportedAddress} may be null. */
    public static TokenPresenter of(KeycloakSession session, ClientModel client, String reportedAddress) {
        String via = client == null ? null : client.getClientId();
        if (reportedAddress != null && client != null && Boolean.parseBoolean(client.getAttribute(TRUSTED_ATTRIBUTE))
                && reportedAddress.length() <= MAX_ADDRESS_LENGTH && InetAddresses.isInetAddress(reportedAddress)) {
            return new TokenPresenter(via, InetAddresses.toAddrString(InetAddresses.forString(reportedAddress)), HOLDER);
        }
        String seen = session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteAddr();
        return new TokenPresenter(via, seen == null || seen.length() > MAX_ADDRESS_LENGTH ? null : seen, client == null ? HOLDER : CLIENT);
    }
}
