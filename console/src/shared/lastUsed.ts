import { TFunction } from "i18next";
import { ListedToken } from "./model";

/**
 * "Last used from", saying whose address it is: a resource server that introspects a token is the one Keycloak
 * sees, so its own address is shown as its own, and a device's address only as reported by a trusted client.
 */
export function lastUsedAddress(token: ListedToken, t: TFunction) {
  const address = token.lastUsedIp ?? "?";
  if (!token.lastUsedVia) {
    return address;
  }
  const key = token.lastUsedIpOf === "holder" ? "iotLastUsedAddressOfHolder" : "iotLastUsedAddressOfClient";
  return t(key, { address, client: token.lastUsedVia });
}
