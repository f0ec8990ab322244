import { Page } from "@keycloak/keycloak-account-ui";
import { KeycloakSpinner, useAlerts } from "@keycloak/keycloak-ui-shared";
import { ActionGroup, Alert, Button, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, TextInput } from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";
import { LoadFailedPage } from "../components/LoadFailedPage";
import { formatTimestamp } from "../../shared/time";
import { ExpiryDatePicker, expiryOfDay, isValidExpiry } from "../components/ExpiryDatePicker";
import { SecretOnceModal } from "../tokens/SecretOnceModal";
import { useIotApi } from "../useIotApi";
import { PermissionDraft, PermissionEditor, blankPermission, isComplete, permissionDraft } from "./PermissionEditor";
import { Catalogue, Profile, selfGrantableTypes } from "./profile";
import { RevokeProfileButton } from "./RevokeProfileButton";

/** The latest day (yyyy-MM-dd) whose end is within the realm's maximum lifetime from now. */
function latestExpiryDay(maxLifetimeSeconds: number) {
  const limit = Date.now() + maxLifetimeSeconds * 1000;
  const day = new Date(limit);
  const text = (d: Date) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  return expiryOfDay(text(day)) <= limit ? text(day) : text(new Date(day.getFullYear(), day.getMonth(), day.getDate() - 1));
}

/**
 * `iot/access-tokens/new` and `iot/access-tokens/:tokenId`: an access-token profile's name, expiry (set once, at
 * creation) and permissions. Creating shows the token once; saving an existing profile keeps its token.
 */
export const ProfileEditor = () => {
  const { t, i18n } = useTranslation();
  const api = useIotApi();
  const navigate = useNavigate();
  const { addAlert } = useAlerts();
  const { tokenId } = useParams();
  const [catalogue, setCatalogue] = useState<Catalogue>();
  const [saved, setSaved] = useState<Profile>();
  const [loadError, setLoadError] = useState<string>();
  const [name, setName] = useState("");
  const [expires, setExpires] = useState("");
  const [permissions, setPermissions] = useState<PermissionDraft[]>([]);
  const [saveError, setSaveError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [secret, setSecret] = useState<string>();
  const backToList = () => navigate("..", { relative: "path" });

  useEffect(() => {
    const abort = new AbortController();
    Promise.all([
      api.get<Catalogue>("/catalogue", undefined, abort.signal),
      tokenId ? api.get<Profile>(`/tokens/${encodeURIComponent(tokenId)}`, undefined, abort.signal) : undefined,
    ])
      .then(([catalogue, profile]) => {
        setCatalogue(catalogue);
        const maxLifetime = catalogue.settings.profileTokenMaxLifetimeSeconds;
        if (profile) {
          setSaved(profile);
          setName(profile.name);
          setPermissions(profile.permissions.map(permissionDraft));
        } else {
          // A new profile starts with one row to fill in, and with the latest expiry the realm allows, if it limits them.
          const types = selfGrantableTypes(catalogue);
          setPermissions(types.length > 0 ? [blankPermission(types)] : []);
          if (maxLifetime) setExpires(latestExpiryDay(maxLifetime));
        }
      })
      .catch((e: Error) => abort.signal.aborted || setLoadError(e.message));
    return () => abort.abort();
  }, [api, tokenId]);

  const title = tokenId ? t("iotProfileEdit") : t("iotProfileCreate");
  if (loadError) {
    return <LoadFailedPage title={title} heading={t("iotProfileLoadError")} back={t("iotProfileBack")} error={loadError} />;
  }
  if (!catalogue || (tokenId && !saved)) {
    return <KeycloakSpinner />;
  }

  const maxLifetime = catalogue.settings.profileTokenMaxLifetimeSeconds;
  const body = { name, permissions: permissions.map(({ type, resource, actions }) => ({ type, resource: resource.trim(), actions })) };
  const save = async () => {
    setSaving(true);
    setSaveError(undefined);
    try {
      if (saved) {
        await api.put<Profile>(`/tokens/${saved.id}`, body);
        addAlert(t("iotProfileSaved", { name }));
        backToList();
      } else {
        const created = await api.post<Profile>("/tokens", { ...body, ...(expires ? { expiresAt: expiryOfDay(expires) } : {}) });
        setSecret(created.token);
      }
    } catch (e) {
      // The server checks every permission against the catalogue and what the user reaches: say why, next to the form.
      setSaveError((e as Error).message);
      window.scrollTo({ top: 0 });
    }
    setSaving(false);
  };

  return (
    <Page title={title} description={t("iotProfileEditorDescription")}>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {saveError && (
          <Alert variant="danger" isInline title={t("iotProfileSaveError")} data-testid="iot-profile-error">
            {saveError}
          </Alert>
        )}
        <FormGroup label={t("name")} fieldId="iot-profile-name" isRequired>
          <TextInput id="iot-profile-name" isRequired value={name} onChange={(_, value) => setName(value)} />
        </FormGroup>
        <FormGroup label={saved || maxLifetime ? t("iotProfileExpires") : t("iotProfileExpiresOptional")} fieldId="iot-profile-expires" isRequired={!!maxLifetime && !saved}>
          {saved ? (
            <TextInput
              id="iot-profile-expires"
              isDisabled
              value={saved.expiresAt ? formatTimestamp(saved.expiresAt, i18n.language) : t("iotProfileNeverExpires")}
            />
          ) : (
            <ExpiryDatePicker id="iot-profile-expires" value={expires} onChange={setExpires} />
          )}
          <FormHelperText>
            <HelperText>
              <HelperTextItem>
                {saved
                  ? t("iotProfileExpiryFixed")
                  : maxLifetime
                    ? t("iotProfileExpiryMax", { day: latestExpiryDay(maxLifetime) })
                    : t("iotProfileExpiryHelp")}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
        <FormGroup label={t("iotProfilePermissions")} fieldId="iot-add-permission" isRequired role="group">
          <PermissionEditor
            permissions={permissions}
            types={selfGrantableTypes(catalogue)}
            catalogue={catalogue.types}
            onChange={setPermissions}
          />
        </FormGroup>
        <ActionGroup>
          <Button
            type="submit"
            data-testid="iot-profile-save"
            isDisabled={saving || !name.trim() || !isComplete(permissions) || !isValidExpiry(expires) || (!!maxLifetime && !saved && !expires)}
            isLoading={saving}
          >
            {saved ? t("save") : t("iotProfileCreateSubmit")}
          </Button>
          <Button variant="link" onClick={backToList}>
            {t("cancel")}
          </Button>
          {saved && <RevokeProfileButton profile={saved} variant="danger" onRevoked={backToList} />}
        </ActionGroup>
      </Form>
      <SecretOnceModal
        secret={secret}
        onClose={() => {
          setSecret(undefined);
          backToList();
        }}
      />
    </Page>
  );
};
