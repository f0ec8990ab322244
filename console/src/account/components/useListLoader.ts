import { useAlerts } from "@keycloak/keycloak-ui-shared";
import { useCallback } from "react";

/**
 * Wraps a KeycloakDataTable loader's call: a failure becomes an alert with the server's error_description and an
 * empty list, because the table would otherwise hand it to an error boundary the account console does not render.
 */
export function useListLoader() {
  const { addError } = useAlerts();
  return useCallback(
    <T,>(call: Promise<T[]>): Promise<T[]> =>
      call.catch((error: unknown) => {
        addError("iotLoadError", error);
        return [];
      }),
    [addError],
  );
}
