import { Page } from "@keycloak/keycloak-account-ui";
import { KeycloakDataTable, ListEmptyState, useAlerts } from "@keycloak/keycloak-ui-shared";
import { Button, ToolbarItem } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { FormModal } from "../components/FormModal";
import { useListLoader } from "../components/useListLoader";
import { useIotApi } from "../useIotApi";
import { DeleteGroundButton } from "./DeleteGroundButton";
import { Ground, GroundDraft, GroundFields } from "./GroundFields";

/** `iot/grounds`: the user's grounds, paged and searchable; create, delete, and a link to each ground's page. */
export const MyGrounds = () => {
  const { t } = useTranslation();
  const api = useIotApi();
  const load = useListLoader();
  const { addAlert } = useAlerts();
  const [creating, setCreating] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const reload = () => setReloadKey((key) => key + 1);

  const createButton = (
    <Button data-testid="iot-create-ground" onClick={() => setCreating(true)}>
      {t("iotGroundCreate")}
    </Button>
  );

  return (
    <Page title={t("iotGrounds")} description={t("iotGroundsDescription")}>
      <KeycloakDataTable<Ground>
        key={reloadKey}
        ariaLabelKey="iotGrounds"
        searchPlaceholderKey="iotGroundSearch"
        isPaginated
        loader={(first, max, search) => load(api.get<Ground[]>("/grounds", { first, max, search }))}
        toolbarItem={<ToolbarItem>{createButton}</ToolbarItem>}
        columns={[
          { name: "name", displayKey: "name", cellRenderer: (ground) => <Link to={ground.id}>{ground.name}</Link> },
          { name: "description", displayKey: "description" },
          { name: "delete", displayKey: " ", cellRenderer: (ground) => <DeleteGroundButton ground={ground} onDeleted={reload} /> },
        ]}
        emptyState={
          <ListEmptyState message={t("iotGroundsEmpty")} instructions={t("iotGroundsEmptyInstructions")}>
            {createButton}
          </ListEmptyState>
        }
      />
      {creating && (
        <CreateGroundModal
          onClose={(created) => {
            setCreating(false);
            if (created) {
              addAlert(t("iotGroundCreated", { name: created.name }));
              reload();
            }
          }}
        />
      )}
    </Page>
  );
};

const CreateGroundModal = ({ onClose }: { onClose: (created?: Ground) => void }) => {
  const { t } = useTranslation();
  const api = useIotApi();
  const [draft, setDraft] = useState<GroundDraft>({ name: "", description: "" });
  return (
    <FormModal
      title={t("iotGroundCreate")}
      submitLabel={t("save")}
      submitTestId="iot-ground-save"
      errorTitle={t("iotGroundSaveError")}
      isSubmitDisabled={!draft.name.trim()}
      onSubmit={async () => onClose(await api.post<Ground>("/grounds", { name: draft.name, description: draft.description || null }))}
      onClose={() => onClose()}
    >
      <GroundFields draft={draft} onChange={setDraft} />
    </FormModal>
  );
};
