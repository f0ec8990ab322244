import { Page } from "@keycloak/keycloak-account-ui";
import { KeycloakDataTable, ListEmptyState } from "@keycloak/keycloak-ui-shared";
import { useTranslation } from "react-i18next";
import { useIotApi } from "../useIotApi";

type Device = { id: string; name: string; type: string; enabled: boolean; sharedWithMe: boolean; ownerName?: string };

export const MyDevices = () => {
  const { t } = useTranslation();
  const api = useIotApi();
  return (
    <Page title={t("iotDevices")} description={t("iotDevicesDescription")}>
      <KeycloakDataTable<Device>
        ariaLabelKey="iotDevices"
        searchPlaceholderKey="iotSearchDevices"
        isPaginated
        loader={(first, max, search) => api.get<Device[]>("/devices", { first, max, search })}
        columns={[
          { name: "name", displayKey: "iotName" },
          { name: "type", displayKey: "iotType" },
        ]}
        emptyState={<ListEmptyState message={t("iotNoDevices")} instructions={t("iotNoDevicesInstructions")} />}
      />
    </Page>
  );
};
