import { KeycloakDataTable, ListEmptyState, useAlerts } from "@keycloak/keycloak-ui-shared";
import { Button, Modal, ModalVariant, ToolbarItem } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Device } from "../../shared/model";
import { useListLoader } from "../components/useListLoader";
import { useIotApi } from "../useIotApi";

/** The devices tab of a ground: its members (paged), adding the user's own devices, removing one. */
export const GroundDevices = ({ groundId }: { groundId: string }) => {
  const { t } = useTranslation();
  const api = useIotApi();
  const load = useListLoader();
  const { addAlert, addError } = useAlerts();
  const [adding, setAdding] = useState(false);
  const [reloads, setReloads] = useState(0);
  const reload = () => setReloads((n) => n + 1);
  const membersPath = `/grounds/${groundId}/devices`;

  const remove = async (device: Device) => {
    try {
      await api.delete(`${membersPath}/${device.id}`);
      addAlert(t("iotGroundDeviceRemoved", { name: device.name }));
    } catch (error) {
      addError("iotGroundDeviceRemoveError", error);
    }
    reload();
  };

  const addButton = (
    <Button data-testid="iot-ground-add-device" onClick={() => setAdding(true)}>
      {t("iotGroundAddDevice")}
    </Button>
  );

  return (
    <>
      <KeycloakDataTable<Device>
        key={reloads}
        ariaLabelKey="iotGroundDevices"
        isPaginated
        loader={(first, max) => load(api.get<Device[]>(membersPath, { first, max }))}
        toolbarItem={<ToolbarItem>{addButton}</ToolbarItem>}
        columns={[
          { name: "name", displayKey: "name" },
          { name: "type", displayKey: "iotType" },
          {
            name: "remove",
            displayKey: " ",
            cellRenderer: (device) => (
              <Button variant="link" data-testid="iot-ground-remove-device" onClick={() => remove(device)}>
                {t("iotGroundRemoveDevice")}
              </Button>
            ),
          },
        ]}
        emptyState={
          <ListEmptyState message={t("iotGroundNoDevices")} instructions={t("iotGroundNoDevicesInstructions")}>
            {addButton}
          </ListEmptyState>
        }
      />
      {adding && (
        <AddDevicesModal
          membersPath={membersPath}
          onClose={(added) => {
            setAdding(false);
            if (added) reload();
          }}
        />
      )}
    </>
  );
};

/** Picks any of the user's own devices (a ground holds only its owner's devices); adding a member twice is harmless. */
const AddDevicesModal = ({ membersPath, onClose }: { membersPath: string; onClose: (added: boolean) => void }) => {
  const { t } = useTranslation();
  const api = useIotApi();
  const load = useListLoader();
  const { addAlert, addError } = useAlerts();
  const [selected, setSelected] = useState<Device[]>([]);
  const [saving, setSaving] = useState(false);

  const add = async () => {
    setSaving(true);
    try {
      for (const device of selected) {
        await api.put(`${membersPath}/${device.id}`);
      }
      addAlert(t("iotGroundDevicesAdded", { count: selected.length }));
      onClose(true);
    } catch (error) {
      addError("iotGroundDeviceAddError", error);
      // Some may have joined before the failure: the list shows what the ground now holds.
      onClose(true);
    }
  };

  return (
    <Modal
      variant={ModalVariant.medium}
      title={t("iotGroundAddDevice")}
      isOpen
      onClose={() => onClose(false)}
      actions={[
        <Button
          key="add"
          data-testid="iot-ground-add-device-confirm"
          isDisabled={selected.length === 0 || saving}
          isLoading={saving}
          onClick={add}
        >
          {t("add")}
        </Button>,
        <Button key="cancel" variant="link" onClick={() => onClose(false)}>
          {t("cancel")}
        </Button>,
      ]}
    >
      <KeycloakDataTable<Device>
        ariaLabelKey="iotGroundAddDevice"
        searchPlaceholderKey="iotSearchDevices"
        isPaginated
        canSelectAll
        onSelect={setSelected}
        loader={(first, max, search) => load(api.get<Device[]>("/devices", { first, max, search, relation: "owned" }))}
        columns={[
          { name: "name", displayKey: "name" },
          { name: "type", displayKey: "iotType" },
        ]}
        emptyState={<ListEmptyState message={t("iotNoDevices")} instructions={t("iotGroundNoOwnDevicesInstructions")} />}
      />
    </Modal>
  );
};
