import { ViewHeader, useRealm } from "@keycloak/keycloak-admin-ui";
import { KeycloakDataTable, ListEmptyState } from "@keycloak/keycloak-ui-shared";
import { PageSection } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { useIotAdminApi } from "../useIotAdminApi";

type Device = { id: string; name: string; type: string; owner: string | null; enabled: boolean };

export const IotDevicesAdmin = () => {
  const { t } = useTranslation();
  const { realm } = useRealm();
  const api = useIotAdminApi();
  return (
    <>
      <ViewHeader titleKey="iotAdminDevices" subKey="iotAdminDevicesHelp" />
      <PageSection variant="light" padding={{ default: "noPadding" }}>
        <KeycloakDataTable<Device>
          key={realm}
          ariaLabelKey="iotAdminDevices"
          searchPlaceholderKey="iotAdminSearchDevices"
          isPaginated
          loader={(first, max, search) => api.get<Device[]>("/devices", { first, max, search })}
          columns={[
            { name: "name", displayKey: "iotAdminName" },
            { name: "type", displayKey: "iotAdminType" },
          ]}
          emptyState={<ListEmptyState message={t("iotAdminNoDevices")} instructions={t("iotAdminNoDevicesInstructions")} />}
        />
      </PageSection>
    </>
  );
};
