import { ViewHeader, useRealm } from "@keycloak/keycloak-admin-ui";
import { KeycloakDataTable, ListEmptyState } from "@keycloak/keycloak-ui-shared";
import { PageSection } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { EnabledLabel, FilterInput, useAlertingLoader, useTableKey, useUsernames } from "../IotAdminCommon";
import { Device } from "../../shared/model";
import { useIotAdminApi } from "../useIotAdminApi";

type ListedDevice = Device & { ownerUsername: string | null };

/** The realm's devices, searchable and filtered by owner (user id or username) and ground id. */
export const IotDevicesAdmin = () => {
  const { t } = useTranslation();
  const { realm } = useRealm();
  const api = useIotAdminApi();
  const alerting = useAlertingLoader();
  const username = useUsernames();
  const [owner, setOwner] = useState("");
  const [ground, setGround] = useState("");
  // The filters apply on Enter, not on every keystroke (each change reloads the table).
  const [applied, setApplied] = useState({ owner: "", ground: "" });
  const tableKey = useTableKey(applied);
  const apply = () => setApplied({ owner: owner.trim(), ground: ground.trim() });

  const load = async (first?: number, max?: number, search?: string): Promise<ListedDevice[]> => {
    const devices = await api.get<Device[]>("/devices", { first, max, search, ...applied });
    return Promise.all(
      devices.map(async (device) => ({ ...device, ownerUsername: device.owner && (await username(device.owner)) })),
    );
  };

  return (
    <>
      <ViewHeader titleKey="iotAdminDevices" subKey="iotAdminDevicesHelp" />
      <PageSection variant="light" padding={{ default: "noPadding" }}>
        <KeycloakDataTable<ListedDevice>
          key={tableKey}
          ariaLabelKey="iotAdminDevices"
          searchPlaceholderKey="iotAdminSearchDevices"
          isPaginated
          // A filtered empty list keeps its toolbar, so the filters can be changed back.
          isSearching={!!(applied.owner || applied.ground)}
          toolbarItem={
            <>
              <FilterInput id="iot-admin-owner" label={t("iotAdminOwnerFilter")} value={owner} onChange={setOwner} onApply={apply} />
              <FilterInput id="iot-admin-ground" label={t("iotAdminGroundFilter")} value={ground} onChange={setGround} onApply={apply} />
            </>
          }
          loader={(first, max, search) => alerting(() => load(first, max, search))}
          columns={[
            {
              name: "name",
              displayKey: "iotAdminName",
              cellRenderer: (device) => (
                <Link to={`/${encodeURIComponent(realm)}/iot/devices/${device.id}`} data-testid="iot-admin-device-link">
                  {device.name}
                </Link>
              ),
            },
            { name: "type", displayKey: "iotAdminType" },
            {
              name: "owner",
              displayKey: "iotAdminOwner",
              cellRenderer: (device) => device.ownerUsername ?? t("iotAdminRealmFleet"),
            },
            { name: "enabled", displayKey: "iotAdminState", cellRenderer: (device) => <EnabledLabel enabled={device.enabled} /> },
          ]}
          emptyState={<ListEmptyState message={t("iotAdminNoDevices")} instructions={t("iotAdminNoDevicesInstructions")} />}
        />
      </PageSection>
    </>
  );
};
