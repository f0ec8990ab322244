import { Page } from "@keycloak/keycloak-account-ui";
import { KeycloakDataTable, ListEmptyState, useAlerts } from "@keycloak/keycloak-ui-shared";
import { Button, Label, LabelGroup, Switch, ToolbarItem, Tooltip } from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { formatTimestamp } from "../../shared/time";
import { useListLoader } from "../components/useListLoader";
import { useIotApi } from "../useIotApi";
import { ALL_RESOURCES, Permission, Profile } from "./profile";
import { RevokeProfileButton } from "./RevokeProfileButton";

/** `iot/access-tokens`: the user's access-token profiles; switch one on or off, open it for editing, revoke it. */
export const AccessTokens = () => {
  const { t, i18n } = useTranslation();
  const api = useIotApi();
  const load = useListLoader();
  const navigate = useNavigate();
  const { addAlert, addError } = useAlerts();
  const [reloads, setReloads] = useState(0);
  const reload = () => setReloads((n) => n + 1);

  const setEnabled = async (profile: Profile, enabled: boolean) => {
    try {
      await api.patch(`/tokens/${profile.id}`, { enabled });
      addAlert(t(enabled ? "iotProfileEnabledDone" : "iotProfileDisabledDone", { name: profile.name }));
    } catch (error) {
      addError("iotProfileSaveErrorAlert", error);
    }
    reload();
  };

  const createButton = (
    <Button data-testid="iot-create-profile" onClick={() => navigate("new")}>
      {t("iotProfileCreate")}
    </Button>
  );

  return (
    <Page title={t("iotAccessTokens")} description={t("iotProfilesDescription")}>
      <KeycloakDataTable<Profile>
        key={reloads}
        ariaLabelKey="iotAccessTokens"
        isPaginated
        loader={(first, max) => load(api.get<Profile[]>("/tokens", { first, max }))}
        toolbarItem={<ToolbarItem>{createButton}</ToolbarItem>}
        columns={[
          { name: "name", displayKey: "name", cellRenderer: (profile) => <Link to={profile.id}>{profile.name}</Link> },
          {
            name: "enabled",
            displayKey: "iotProfileEnabled",
            cellRenderer: (profile) => (
              <Switch
                id={`iot-profile-enabled-${profile.id}`}
                aria-label={t("iotProfileEnabled")}
                isChecked={profile.enabled}
                onChange={(_, checked) => setEnabled(profile, checked)}
              />
            ),
          },
          {
            name: "expiresAt",
            displayKey: "iotProfileExpires",
            cellRenderer: (profile) =>
              profile.expiresAt ? formatTimestamp(profile.expiresAt, i18n.language) : t("iotProfileNeverExpires"),
          },
          {
            name: "lastUsedTimestamp",
            displayKey: "iotProfileLastUsed",
            cellRenderer: (profile) =>
              profile.lastUsedTimestamp ? formatTimestamp(profile.lastUsedTimestamp, i18n.language) : t("iotProfileNeverUsed"),
          },
          {
            name: "permissions",
            displayKey: "iotProfilePermissions",
            cellRenderer: (profile) => <PermissionSummary permissions={profile.permissions} />,
          },
          { name: "revoke", displayKey: " ", cellRenderer: (profile) => <RevokeProfileButton profile={profile} onRevoked={reload} /> },
        ]}
        emptyState={
          <ListEmptyState message={t("iotProfilesEmpty")} instructions={t("iotProfilesEmptyInstructions")}>
            {createButton}
          </ListEmptyState>
        }
      />
    </Page>
  );
};

/** One label per permission: "device (all): read, control", or the type and the resource's name (its id in the tooltip). */
const PermissionSummary = ({ permissions }: { permissions: Permission[] }) => {
  const { t } = useTranslation();
  return (
    <LabelGroup numLabels={3} collapsedText={t("iotPermissionMore", { remaining: "${remaining}" })}>
      {permissions.map((permission, index) => {
        const actions = permission.actions.join(", ");
        return permission.resource === ALL_RESOURCES ? (
          <Label key={index} isCompact>
            {t("iotPermissionSummaryAll", { type: permission.type, actions })}
          </Label>
        ) : (
          <Tooltip key={index} content={permission.resource}>
            <Label isCompact>
              <ResourceSummary type={permission.type} id={permission.resource} actions={actions} />
            </Label>
          </Tooltip>
        );
      })}
    </LabelGroup>
  );
};

/** The types whose resources the pack keeps, so it knows their names. */
const NAMED_TYPES: Record<string, string> = { device: "/devices/", ground: "/grounds/" };

/**
 * "device Kitchen thermostat: read": a device's or ground's name as the user may read it; the start of its id for
 * other types, and for a resource the user no longer reaches.
 */
const ResourceSummary = ({ type, id, actions }: { type: string; id: string; actions: string }) => {
  const { t } = useTranslation();
  const api = useIotApi();
  const [name, setName] = useState<string>();
  useEffect(() => {
    const path = NAMED_TYPES[type];
    if (!path) return;
    let current = true;
    api.get<{ name: string }>(path + encodeURIComponent(id)).then(
      (resource) => current && setName(resource.name),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, type, id]);
  return (
    <>
      {name === undefined
        ? t("iotPermissionSummaryOne", { type, resource: id.slice(0, 8), actions })
        : t("iotPermissionSummaryNamed", { type, resource: name, actions })}
    </>
  );
};
