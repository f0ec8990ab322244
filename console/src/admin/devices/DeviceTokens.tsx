import { useConfirmDialog } from "@keycloak/keycloak-admin-ui";
import { ContinueCancelModal, KeycloakDataTable, ListEmptyState, useAlerts } from "@keycloak/keycloak-ui-shared";
import { Button, ButtonProps, ToolbarItem } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EnabledLabel, useAlertingLoader, useFormatTime, useTableKey } from "../IotAdminCommon";
import { lastUsedAddress } from "../../shared/lastUsed";
import { ListedToken } from "../../shared/model";
import { useIotAdminApi } from "../useIotAdminApi";

const RevokeAllButton = (props: ButtonProps) => <Button {...props} data-testid="iot-admin-revoke-tokens" />;

/** A device's tokens (never their secrets), each revocable, and all at once after a confirmation. */
export const DeviceTokens = ({ deviceId }: { deviceId: string }) => {
  const { t } = useTranslation();
  const api = useIotAdminApi();
  const { addAlert, addError } = useAlerts();
  const alerting = useAlertingLoader();
  const formatTime = useFormatTime();
  const [reloads, setReloads] = useState(0);
  const tableKey = useTableKey(deviceId, reloads);
  const [revoking, setRevoking] = useState<ListedToken>();
  const path = `/devices/${deviceId}/tokens`;

  const revokeAll = async () => {
    try {
      const { revoked } = await api.delete<{ revoked: number }>(path);
      addAlert(t("iotAdminTokensRevoked", { count: revoked }));
      setReloads((n) => n + 1);
    } catch (error) {
      addError("iotAdminTokenRevokeFailed", error);
    }
  };

  const [confirmRevoke, RevokeConfirm] = useConfirmDialog({
    titleKey: "iotAdminRevokeTokenTitle",
    continueButtonLabel: "iotAdminRevoke",
    children: revoking && t("iotAdminRevokeTokenConfirm", { name: revoking.name }),
    onConfirm: async () => {
      try {
        await api.delete(`${path}/${revoking!.id}`);
        addAlert(t("iotAdminTokenRevoked"));
        setReloads((n) => n + 1);
      } catch (error) {
        addError("iotAdminTokenRevokeFailed", error);
      }
    },
  });

  return (
    <>
      <RevokeConfirm />
      <KeycloakDataTable<ListedToken>
        key={tableKey}
        ariaLabelKey="iotAdminTokens"
        isPaginated
        toolbarItem={
          <ToolbarItem>
            <ContinueCancelModal
              component={RevokeAllButton}
              buttonVariant="danger"
              buttonTitle={t("iotAdminRevokeAllTokens")}
              modalTitle={t("iotAdminRevokeAllTokensTitle")}
              continueLabel={t("iotAdminRevoke")}
              cancelLabel={t("cancel")}
              onContinue={revokeAll}
            >
              {t("iotAdminRevokeAllTokensConfirm")}
            </ContinueCancelModal>
          </ToolbarItem>
        }
        loader={(first, max) => alerting(() => api.get<ListedToken[]>(path, { first, max }))}
        columns={[
          { name: "name", displayKey: "iotAdminName" },
          { name: "createdTimestamp", displayKey: "iotAdminCreated", cellRenderer: (token) => formatTime(token.createdTimestamp) },
          { name: "expiresAt", displayKey: "iotAdminExpires", cellRenderer: (token) => formatTime(token.expiresAt) || t("iotAdminNever") },
          {
            name: "lastUsedTimestamp",
            displayKey: "iotAdminLastUsed",
            cellRenderer: (token) =>
              token.lastUsedTimestamp ? `${formatTime(token.lastUsedTimestamp)} (${lastUsedAddress(token, t)})` : t("iotAdminNever"),
          },
          { name: "enabled", displayKey: "iotAdminState", cellRenderer: (token) => <EnabledLabel enabled={token.enabled} /> },
        ]}
        actions={[
          {
            title: t("iotAdminRevoke"),
            onRowClick: (token) => {
              setRevoking(token);
              confirmRevoke();
            },
          },
        ]}
        emptyState={<ListEmptyState message={t("iotAdminNoTokens")} instructions={t("iotAdminNoTokensInstructions")} />}
      />
    </>
  );
};
