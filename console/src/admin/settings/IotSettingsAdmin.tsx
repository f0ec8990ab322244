import { ViewHeader } from "@keycloak/keycloak-admin-ui";
import { KeycloakSpinner, useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  ActionGroup,
  Button,
  Checkbox,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  PageSection,
  Switch,
  TextInput,
} from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../shared/api";
import { LoadFailed } from "../IotAdminCommon";
import type { Catalogue, ResourceType, Settings } from "../../shared/model";
import { useIotAdminApi } from "../useIotAdminApi";

type NumberField = Exclude<keyof Settings, "selfGrantTypes">;
const numberFields: NumberField[] = [
  "profileTokenMaxLifetimeSeconds",
  "invitationLinkLifetimeSeconds",
  "invitationsPendingMax",
  "invitationsPerHour",
];

/** The form keeps numbers as typed, so a wrong entry reaches the server and comes back as its 400. */
type SettingsForm = Record<NumberField, string> & { selfGrantTypes: string[] | null };

const toForm = (settings: Settings): SettingsForm => ({
  ...Object.fromEntries(numberFields.map((field) => [field, settings[field]?.toString() ?? ""])),
  selfGrantTypes: settings.selfGrantTypes,
}) as SettingsForm;

/** A number field as the API takes it: empty is no limit (null), anything else a number or the text for the server to refuse. */
const toNumber = (text: string) => (text.trim() === "" ? null : Number.isNaN(Number(text)) ? text : Number(text));

/** The pack's realm policies: profile-token lifetime and self-grantable types, invitation limits. */
export const IotSettingsAdmin = () => {
  const { t } = useTranslation();
  const api = useIotAdminApi();
  const { addAlert, addError } = useAlerts();
  const [form, setForm] = useState<SettingsForm>();
  const [types, setTypes] = useState<ResourceType[]>([]);
  const [loadError, setLoadError] = useState<string>();
  // The server names the refused field first in its error_description ("'invitationsPerHour' must be ...").
  const [fieldError, setFieldError] = useState<{ field: string; message: string }>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    Promise.all([api.get<Settings>("/settings"), api.get<Catalogue>("/catalogue")])
      .then(([settings, catalogue]) => {
        setForm(toForm(settings));
        setTypes(catalogue.types.filter((type) => !type.adminOnly));
      })
      .catch((error: Error) => setLoadError(error.message));
  }, [api]);

  if (loadError) {
    return <LoadFailed title={t("iotAdminSettingsLoadFailed")} error={loadError} testId="iot-admin-settings-error" />;
  }
  if (!form) return <KeycloakSpinner />;

  const save = async () => {
    setSaving(true);
    setFieldError(undefined);
    try {
      const body = {
        ...Object.fromEntries(numberFields.map((field) => [field, toNumber(form[field])])),
        selfGrantTypes: form.selfGrantTypes,
      };
      setForm(toForm(await api.put<Settings>("/settings", body)));
      addAlert(t("iotAdminSettingsSaved"));
    } catch (error) {
      const field = error instanceof ApiError ? /^\$\.(\w+)/.exec(error.message)?.[1] : undefined;
      if (field) setFieldError({ field, message: error instanceof Error ? error.message : "" });
      addError("iotAdminSettingsSaveFailed", error);
    } finally {
      setSaving(false);
    }
  };

  const helper = (field: string) => (
    <FormHelperText>
      <HelperText>
        {fieldError?.field === field ? (
          <HelperTextItem variant="error" data-testid={`iot-admin-settings-${field}-error`}>
            {fieldError.message}
          </HelperTextItem>
        ) : (
          <HelperTextItem>{t(`iotAdminSettings_${field}_help`)}</HelperTextItem>
        )}
      </HelperText>
    </FormHelperText>
  );

  const restricted = form.selfGrantTypes !== null;
  return (
    <>
      <ViewHeader titleKey="iotAdminSettings" subKey="iotAdminSettingsHelp" />
      <PageSection variant="light">
        <Form isHorizontal onSubmit={(event) => event.preventDefault()}>
          {numberFields.map((field) => (
            <FormGroup key={field} label={t(`iotAdminSettings_${field}`)} fieldId={`iot-admin-settings-${field}`}>
              <TextInput
                id={`iot-admin-settings-${field}`}
                data-testid={`iot-admin-settings-${field}`}
                type="number"
                value={form[field]}
                validated={fieldError?.field === field ? "error" : "default"}
                onChange={(_, value) => setForm({ ...form, [field]: value })}
              />
              {helper(field)}
            </FormGroup>
          ))}
          <FormGroup label={t("iotAdminSettings_selfGrantTypes")} fieldId="iot-admin-settings-selfGrantTypes" role="group">
            <Switch
              id="iot-admin-settings-selfGrantTypes"
              data-testid="iot-admin-settings-selfGrantTypes"
              label={t("iotAdminSelfGrantRestricted")}
              labelOff={t("iotAdminSelfGrantAny")}
              isChecked={restricted}
              onChange={(_, checked) => setForm({ ...form, selfGrantTypes: checked ? types.map((type) => type.type) : null })}
            />
            {restricted &&
              types.map((type) => (
                <Checkbox
                  key={type.type}
                  id={`iot-admin-settings-selfGrant-${type.type}`}
                  label={type.type}
                  description={type.description}
                  isChecked={form.selfGrantTypes!.includes(type.type)}
                  onChange={(_, checked) =>
                    setForm({
                      ...form,
                      selfGrantTypes: checked
                        ? [...form.selfGrantTypes!, type.type]
                        : form.selfGrantTypes!.filter((granted) => granted !== type.type),
                    })
                  }
                />
              ))}
            {helper("selfGrantTypes")}
          </FormGroup>
          <ActionGroup>
            <Button data-testid="iot-admin-settings-save" onClick={save} isLoading={saving} isDisabled={saving}>
              {t("save")}
            </Button>
          </ActionGroup>
        </Form>
      </PageSection>
    </>
  );
};
