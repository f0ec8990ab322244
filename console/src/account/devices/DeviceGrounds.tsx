import { KeycloakDataTable, ListEmptyState, useAlerts } from "@keycloak/keycloak-ui-shared";
import { Button, Flex, FormSelect, FormSelectOption, ToolbarItem } from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Ground } from "../../shared/model";
import { useListLoader } from "../components/useListLoader";
import { useIotApi } from "../useIotApi";

/** The most grounds the "add to ground" choice offers: the API's largest page. */
const GROUND_CHOICES_MAX = 1000;

/** The grounds one of the user's devices is in: add it to another of their grounds, or take it out of one. */
export const DeviceGrounds = ({ deviceId }: { deviceId: string }) => {
  const { t } = useTranslation();
  const api = useIotApi();
  const load = useListLoader();
  const { addAlert, addError } = useAlerts();
  const [reloads, setReloads] = useState(0);
  const [choices, setChoices] = useState<Ground[]>([]);
  const [chosen, setChosen] = useState("");
  const reload = () => setReloads((n) => n + 1);

  useEffect(() => {
    load(api.get<Ground[]>("/grounds", { max: GROUND_CHOICES_MAX })).then(setChoices);
  }, [api, load]);

  const add = async () => {
    const ground = choices.find((g) => g.id === chosen);
    if (!ground) return;
    try {
      await api.put(`/grounds/${ground.id}/devices/${deviceId}`);
      addAlert(t("iotDeviceGroundAdded", { ground: ground.name }));
      setChosen("");
    } catch (error) {
      addError("iotDeviceGroundError", error);
    }
    reload();
  };

  const remove = async (ground: Ground) => {
    try {
      await api.delete(`/grounds/${ground.id}/devices/${deviceId}`);
      addAlert(t("iotDeviceGroundRemoved", { ground: ground.name }));
    } catch (error) {
      addError("iotDeviceGroundError", error);
    }
    reload();
  };

  // In the table's toolbar, and in its empty state: the table hides its toolbar while the device is in no ground.
  const addToGround = (
    <>
      <ToolbarItem widths={{ default: "18rem" }}>
        <FormSelect id="iot-device-ground-select" aria-label={t("iotDeviceGroundChoose")} value={chosen} onChange={(_event, value) => setChosen(value)}>
          <FormSelectOption value="" label={choices.length ? t("iotDeviceGroundChoose") : t("iotDeviceGroundNoChoices")} isPlaceholder />
          {choices.map((ground) => (
            <FormSelectOption key={ground.id} value={ground.id} label={ground.name} />
          ))}
        </FormSelect>
      </ToolbarItem>
      <ToolbarItem>
        <Button data-testid="iot-device-ground-add" variant="secondary" isDisabled={!chosen} onClick={add}>
          {t("iotDeviceGroundAdd")}
        </Button>
      </ToolbarItem>
    </>
  );

  return (
    <KeycloakDataTable<Ground>
      key={reloads}
      ariaLabelKey="iotDeviceTabGrounds"
      isPaginated
      loader={(first, max) => load(api.get<Ground[]>("/grounds", { first, max, device: deviceId }))}
      toolbarItem={addToGround}
      columns={[
        { name: "name", displayKey: "iotName" },
        { name: "description", displayKey: "iotDeviceGroundDescription", cellRenderer: (ground) => ground.description ?? "" },
        {
          name: "remove",
          displayKey: " ",
          cellRenderer: (ground) => (
            <Button variant="link" data-testid="iot-device-ground-remove" onClick={() => remove(ground)}>
              {t("iotDeviceGroundRemove")}
            </Button>
          ),
        },
      ]}
      emptyState={
        <ListEmptyState message={t("iotDeviceGroundNone")} instructions={t("iotDeviceGroundNoneInstructions")}>
          <Flex justifyContent={{ default: "justifyContentCenter" }}>{addToGround}</Flex>
        </ListEmptyState>
      }
    />
  );
};
