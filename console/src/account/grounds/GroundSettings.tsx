import { useAlerts } from "@keycloak/keycloak-ui-shared";
import { ActionGroup, Alert, Button, Form, PageSection, Title } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { useIotApi } from "../useIotApi";
import { DeleteGroundButton } from "./DeleteGroundButton";
import { Ground, GroundDraft, GroundFields } from "./GroundFields";

/** The settings tab of a ground: rename, describe, delete. */
export const GroundSettings = ({ ground, onUpdated }: { ground: Ground; onUpdated: (ground: Ground) => void }) => {
  const { t } = useTranslation();
  const api = useIotApi();
  const navigate = useNavigate();
  const { addAlert } = useAlerts();
  const [draft, setDraft] = useState<GroundDraft>({ name: ground.name, description: ground.description ?? "" });
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      // An empty description clears it (null), rather than storing a blank one.
      const updated = await api.put<Ground>(`/grounds/${ground.id}`, { name: draft.name, description: draft.description || null });
      addAlert(t("iotGroundUpdated", { name: updated.name }));
      onUpdated(updated);
    } catch (e) {
      setError((e as Error).message);
    }
    setSaving(false);
  };

  return (
    <PageSection variant="light" className="pf-v5-u-px-0">
      <Form
        isWidthLimited
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {error && (
          <Alert variant="danger" isInline title={t("iotGroundSaveError")}>
            {error}
          </Alert>
        )}
        <GroundFields draft={draft} onChange={setDraft} />
        <ActionGroup>
          <Button type="submit" data-testid="iot-ground-update" isDisabled={saving || !draft.name.trim()} isLoading={saving}>
            {t("save")}
          </Button>
        </ActionGroup>
      </Form>
      <Title headingLevel="h2" size="lg" className="pf-v5-u-mt-xl pf-v5-u-mb-sm">
        {t("iotGroundDangerZone")}
      </Title>
      <p className="pf-v5-u-mb-md">{t("iotGroundDeleteConfirm")}</p>
      <DeleteGroundButton ground={ground} variant="danger" onDeleted={() => navigate("..", { relative: "path" })} />
    </PageSection>
  );
};
