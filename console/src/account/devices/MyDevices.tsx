import { Page } from "@keycloak/keycloak-account-ui";
import { KeycloakDataTable, ListEmptyState, useAlerts } from "@keycloak/keycloak-ui-shared";
import { Button, Label, ToggleGroup, ToggleGroupItem, ToolbarItem } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { DeleteButton } from "../components/DeleteButton";
import { FormModal } from "../components/FormModal";
import { useListLoader } from "../components/useListLoader";
import { useIotApi } from "../useIotApi";
import { Device } from "../../shared/model";
import { DeviceFields, DeviceNameAndType } from "./DeviceFields";

/** The `relation` filter of `GET /devices`; "all" sends none. */
type Relation = "all" | "owned" | "shared";
const relations: Relation[] = ["all", "owned", "shared"];

export const MyDevices = () => {
  const { t } = useTranslation();
  const api = useIotApi();
  const load = useListLoader();
  const { addAlert } = useAlerts();
  const [relation, setRelation] = useState<Relation>("all");
  const [reloads, setReloads] = useState(0);
  const [creating, setCreating] = useState(false);
  const reload = () => setReloads((n) => n + 1);

  const createButton = (
    <Button data-testid="iot-create-device" onClick={() => setCreating(true)}>
      {t("iotDeviceCreate")}
    </Button>
  );

  return (
    <Page title={t("iotDevices")} description={t("iotDevicesDescription")}>
      <KeycloakDataTable<Device>
        key={`${relation}:${reloads}`}
        ariaLabelKey="iotDevices"
        searchPlaceholderKey="iotSearchDevices"
        isPaginated
        // A relation filter counts as a search: the table keeps its toolbar (and this filter) when nothing matches.
        isSearching={relation !== "all"}
        loader={(first, max, search) =>
          load(api.get<Device[]>("/devices", { first, max, search, relation: relation === "all" ? undefined : relation }))
        }
        toolbarItem={
          <>
            <ToolbarItem>
              <ToggleGroup aria-label={t("iotDeviceRelation")}>
                {relations.map((r) => (
                  <ToggleGroupItem
                    key={r}
                    buttonId={`iot-device-relation-${r}`}
                    text={t(`iotDeviceRelation_${r}`)}
                    isSelected={relation === r}
                    onChange={() => setRelation(r)}
                  />
                ))}
              </ToggleGroup>
            </ToolbarItem>
            <ToolbarItem>{createButton}</ToolbarItem>
          </>
        }
        columns={[
          {
            name: "name",
            displayKey: "iotName",
            cellRenderer: (device) => (
              <>
                <Link to={device.id}>{device.name}</Link>
                {device.sharedWithMe && (
                  <Label color="blue" isCompact className="pf-v5-u-ml-sm" data-testid="iot-device-shared-by">
                    {t("iotDeviceSharedBy", { owner: device.ownerName ?? "?" })}
                  </Label>
                )}
              </>
            ),
          },
          { name: "type", displayKey: "iotType" },
          {
            name: "enabled",
            displayKey: "iotDeviceEnabled",
            cellRenderer: (device) =>
              device.enabled ? (
                <Label color="green">{t("iotDeviceEnabled")}</Label>
              ) : (
                <Label color="grey">{t("iotDeviceDisabled")}</Label>
              ),
          },
          {
            name: "delete",
            displayKey: " ",
            cellRenderer: (device) =>
              device.sharedWithMe ? (
                ""
              ) : (
                <DeleteButton
                  path={`/devices/${device.id}`}
                  testId="iot-device-delete"
                  label={t("iotDeviceDelete")}
                  title={t("iotDeviceDeleteTitle")}
                  doneMessage={t("iotDeviceDeleted", { name: device.name })}
                  errorKey="iotDeviceDeleteError"
                  onDeleted={reload}
                >
                  {t("iotDeviceDeleteConfirm", { name: device.name })}
                </DeleteButton>
              ),
          },
        ]}
        emptyState={
          <ListEmptyState message={t("iotNoDevices")} instructions={t("iotNoDevicesInstructions")}>
            {createButton}
          </ListEmptyState>
        }
      />
      {creating && (
        <CreateDeviceModal
          onClose={() => setCreating(false)}
          onCreated={(device) => {
            setCreating(false);
            addAlert(t("iotDeviceCreated", { name: device.name }));
            reload();
          }}
        />
      )}
    </Page>
  );
};

const CreateDeviceModal = ({ onClose, onCreated }: { onClose: () => void; onCreated: (device: Device) => void }) => {
  const { t } = useTranslation();
  const api = useIotApi();
  const [value, setValue] = useState<DeviceNameAndType>({ name: "", type: "" });
  return (
    <FormModal
      title={t("iotDeviceCreate")}
      submitLabel={t("save")}
      submitTestId="iot-device-save"
      errorTitle={t("iotDeviceSaveFailed")}
      onSubmit={async () => onCreated(await api.post<Device>("/devices", value))}
      onClose={onClose}
    >
      <DeviceFields value={value} onChange={setValue} />
    </FormModal>
  );
};
