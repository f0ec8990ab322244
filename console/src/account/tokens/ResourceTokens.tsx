import { KeycloakDataTable, ListEmptyState, useAlerts } from "@keycloak/keycloak-ui-shared";
import { Button, FormGroup, Switch, TextInput, ToolbarItem } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatTimestamp } from "../../shared/time";
import { DeleteButton } from "../components/DeleteButton";
import { ExpiryDatePicker, expiryOfDay, isValidExpiry } from "../components/ExpiryDatePicker";
import { FormModal } from "../components/FormModal";
import { useListLoader } from "../components/useListLoader";
import { useIotApi } from "../useIotApi";
import { lastUsedAddress } from "../../shared/lastUsed";
import { ListedToken } from "../../shared/model";
import { SecretOnceModal } from "./SecretOnceModal";

/** The tokens of one device or ground (`basePath` = `/devices/{id}` or `/grounds/{id}`): list, generate, switch, revoke. */
export const ResourceTokens = ({ basePath }: { basePath: string }) => {
  const { t, i18n } = useTranslation();
  const api = useIotApi();
  const load = useListLoader();
  const { addAlert, addError } = useAlerts();
  const [reloads, setReloads] = useState(0);
  const [generating, setGenerating] = useState(false);
  const [secret, setSecret] = useState<string>();
  const reload = () => setReloads((n) => n + 1);

  const setEnabled = async (token: ListedToken, enabled: boolean) => {
    try {
      await api.patch(`${basePath}/tokens/${token.id}`, { enabled });
      addAlert(t(enabled ? "iotTokenEnabledDone" : "iotTokenDisabledDone", { name: token.name }));
    } catch (error) {
      addError("iotTokenSaveError", error);
    }
    reload();
  };

  const generateButton = (
    <Button data-testid="iot-generate-token" onClick={() => setGenerating(true)}>
      {t("iotTokenGenerate")}
    </Button>
  );

  return (
    <>
      <KeycloakDataTable<ListedToken>
        key={`${basePath}:${reloads}`}
        ariaLabelKey="iotTokenList"
        isPaginated
        loader={(first, max) => load(api.get<ListedToken[]>(`${basePath}/tokens`, { first, max }))}
        toolbarItem={<ToolbarItem>{generateButton}</ToolbarItem>}
        columns={[
          { name: "name", displayKey: "iotName" },
          {
            name: "createdTimestamp",
            displayKey: "iotTokenCreated",
            cellRenderer: (token) => formatTimestamp(token.createdTimestamp, i18n.language),
          },
          {
            name: "expiresAt",
            displayKey: "iotTokenExpires",
            cellRenderer: (token) => (token.expiresAt ? formatTimestamp(token.expiresAt, i18n.language) : t("iotTokenNeverExpires")),
          },
          {
            name: "lastUsedTimestamp",
            displayKey: "iotTokenLastUsed",
            cellRenderer: (token) =>
              token.lastUsedTimestamp
                ? t("iotTokenLastUsedFrom", { at: formatTimestamp(token.lastUsedTimestamp, i18n.language), address: lastUsedAddress(token, t) })
                : t("iotTokenNeverUsed"),
          },
          {
            name: "enabled",
            displayKey: "iotTokenEnabled",
            cellRenderer: (token) => (
              <Switch
                id={`iot-token-enabled-${token.id}`}
                aria-label={t("iotTokenEnabled")}
                isChecked={token.enabled}
                onChange={(_event, checked) => setEnabled(token, checked)}
              />
            ),
          },
          {
            name: "revoke",
            displayKey: " ",
            cellRenderer: (token) => (
              <DeleteButton
                path={`${basePath}/tokens/${token.id}`}
                testId="iot-token-revoke"
                label={t("iotTokenRevoke")}
                title={t("iotTokenRevokeTitle")}
                doneMessage={t("iotTokenRevoked", { name: token.name })}
                errorKey="iotTokenRevokeError"
                onDeleted={reload}
              >
                {t("iotTokenRevokeConfirm", { name: token.name })}
              </DeleteButton>
            ),
          },
        ]}
        emptyState={
          <ListEmptyState message={t("iotTokenNone")} instructions={t("iotTokenNoneInstructions")}>
            {generateButton}
          </ListEmptyState>
        }
      />
      {generating && (
        <GenerateTokenModal
          basePath={basePath}
          onClose={() => setGenerating(false)}
          onCreated={(token) => {
            setGenerating(false);
            setSecret(token);
            reload();
          }}
        />
      )}
      <SecretOnceModal secret={secret} onClose={() => setSecret(undefined)} />
    </>
  );
};

const GenerateTokenModal = ({ basePath, onClose, onCreated }: { basePath: string; onClose: () => void; onCreated: (token: string) => void }) => {
  const { t } = useTranslation();
  const api = useIotApi();
  const [name, setName] = useState("");
  const [expires, setExpires] = useState("");
  const create = async () => {
    const created = await api.post<{ token: string }>(`${basePath}/tokens`, { name, ...(expires ? { expiresAt: expiryOfDay(expires) } : {}) });
    onCreated(created.token);
  };
  return (
    <FormModal
      title={t("iotTokenGenerate")}
      submitLabel={t("iotTokenCreate")}
      submitTestId="iot-token-create"
      errorTitle={t("iotTokenCreateFailed")}
      isSubmitDisabled={!isValidExpiry(expires)}
      onSubmit={create}
      onClose={onClose}
    >
      <FormGroup label={t("iotName")} fieldId="iot-token-name" isRequired>
        <TextInput id="iot-token-name" value={name} onChange={(_event, value) => setName(value)} isRequired />
      </FormGroup>
      <FormGroup label={t("iotTokenExpiresOptional")} fieldId="iot-token-expires">
        <ExpiryDatePicker id="iot-token-expires" value={expires} onChange={setExpires} />
      </FormGroup>
    </FormModal>
  );
};
