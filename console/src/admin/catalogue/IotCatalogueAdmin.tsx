import { ViewHeader, useConfirmDialog } from "@keycloak/keycloak-admin-ui";
import { KeycloakDataTable, ListEmptyState, useAlerts } from "@keycloak/keycloak-ui-shared";
import { Button, ButtonVariant, Label, PageSection, ToolbarItem } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { WrappingText, useAlertingLoader, useTableKey } from "../IotAdminCommon";
import { useIotAdminApi } from "../useIotAdminApi";
import { ResourceTypeModal } from "./ResourceTypeModal";
import { Catalogue, ResourceType, builtInTypes } from "./types";

/** The realm's permission catalogue: its resource types, added, edited and removed one at a time. */
export const IotCatalogueAdmin = () => {
  const { t } = useTranslation();
  const api = useIotAdminApi();
  const { addAlert, addError } = useAlerts();
  const alerting = useAlertingLoader();
  const [reloads, setReloads] = useState(0);
  const tableKey = useTableKey(reloads);
  // undefined = closed; null = adding a type; a type = editing it.
  const [editing, setEditing] = useState<ResourceType | null>();
  const [removing, setRemoving] = useState<ResourceType>();

  const save = async (type: ResourceType) => {
    await api.put(`/catalogue/types/${encodeURIComponent(type.type)}`, type);
    addAlert(t("iotAdminTypeSaved", { type: type.type }));
    setReloads((n) => n + 1);
  };

  const [confirmRemove, RemoveConfirm] = useConfirmDialog({
    titleKey: "iotAdminRemoveTypeTitle",
    continueButtonLabel: "iotAdminRemove",
    continueButtonVariant: ButtonVariant.danger,
    children: removing && t("iotAdminRemoveTypeConfirm", { type: removing.type }),
    onConfirm: async () => {
      try {
        await api.delete(`/catalogue/types/${encodeURIComponent(removing!.type)}`);
        addAlert(t("iotAdminTypeRemoved", { type: removing!.type }));
        setReloads((n) => n + 1);
      } catch (error) {
        addError("iotAdminTypeRemoveFailed", error);
      }
    },
  });

  return (
    <>
      <RemoveConfirm />
      {editing !== undefined && (
        <ResourceTypeModal editing={editing ?? undefined} onSave={save} onClose={() => setEditing(undefined)} />
      )}
      <ViewHeader titleKey="iotAdminCatalogue" subKey="iotAdminCatalogueHelp" />
      <PageSection variant="light" padding={{ default: "noPadding" }}>
        <KeycloakDataTable<ResourceType>
          key={tableKey}
          ariaLabelKey="iotAdminCatalogue"
          isPaginated
          toolbarItem={
            <ToolbarItem>
              <Button data-testid="iot-admin-add-type" onClick={() => setEditing(null)}>
                {t("iotAdminAddType")}
              </Button>
            </ToolbarItem>
          }
          // The API answers the whole catalogue (a few dozen types at most); the table pages it here.
          loader={(first = 0, max = 10) =>
            alerting(async () => (await api.get<Catalogue>("/catalogue")).types.slice(first, first + max))
          }
          columns={[
            { name: "type", displayKey: "iotAdminType" },
            { name: "description", displayKey: "iotAdminDescription", cellRenderer: (type) => <WrappingText text={type.description} /> },
            { name: "actions", displayKey: "iotAdminActions", cellRenderer: (type) => <WrappingText text={type.actions.join(", ")} /> },
            { name: "deviceActions", displayKey: "iotAdminDeviceActions", cellRenderer: (type) => <WrappingText text={type.deviceActions.join(", ")} /> },
            {
              name: "adminOnly",
              displayKey: "iotAdminAdminOnly",
              cellRenderer: (type) => (type.adminOnly ? <Label color="purple">{t("iotAdminAdminOnly")}</Label> : ""),
            },
          ]}
          // KeycloakDataTable's rows carry their object in `data`; the pack's own types cannot be removed.
          actionResolver={(row) => {
            const type = (row as unknown as { data: ResourceType }).data;
            return [
              { title: t("iotAdminEdit"), onClick: () => setEditing(type) },
              ...(builtInTypes.includes(type.type)
                ? []
                : [
                    {
                      title: t("iotAdminRemove"),
                      onClick: () => {
                        setRemoving(type);
                        confirmRemove();
                      },
                    },
                  ]),
            ];
          }}
          emptyState={<ListEmptyState message={t("iotAdminNoTypes")} instructions={t("iotAdminNoTypesInstructions")} />}
        />
      </PageSection>
    </>
  );
};
