import { AdminEnvironment, useEnvironment, useRealm } from "@keycloak/keycloak-admin-ui";
import { useMemo } from "react";
import { IotApi } from "../shared/api";

/** The pack's admin API of the realm the console shows, called with the admin console's own token. */
export function useIotAdminApi() {
  const { environment, keycloak } = useEnvironment<AdminEnvironment>();
  const { realm } = useRealm();
  return useMemo(
    () => new IotApi(keycloak, `${environment.adminBaseUrl}/admin/realms/${encodeURIComponent(realm)}/iot`),
    [environment, keycloak, realm],
  );
}
