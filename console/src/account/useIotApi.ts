import { AccountEnvironment, useEnvironment } from "@keycloak/keycloak-account-ui";
import { useMemo } from "react";
import { IotApi } from "../shared/api";

/** The self-service API of the signed-in user's realm, called with the account console's own token. */
export function useIotApi() {
  const { environment, keycloak } = useEnvironment<AccountEnvironment>();
  return useMemo(
    () => new IotApi(keycloak, `${environment.serverBaseUrl.replace(/\/$/, "")}/realms/${encodeURIComponent(environment.realm)}/iot`),
    [environment, keycloak],
  );
}
