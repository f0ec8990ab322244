import { useConfirmDialog, useRealm } from "@keycloak/keycloak-admin-ui";
import { KeycloakDataTable, ListEmptyState, useAlerts } from "@keycloak/keycloak-ui-shared";
import { ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { WrappingText, useAlertingLoader, useFormatTime, useTableKey } from "../IotAdminCommon";
import { Share, ShareStatus } from "../../shared/model";
import { ShareStatusLabel } from "../../shared/ShareStatusLabel";
import { useIotAdminApi } from "../useIotAdminApi";



/** The admin API's share filters (`GET /shares`); absent ones do not filter. */
export type ShareFilter = { status?: ShareStatus; owner?: string; email?: string; resource?: string };

/**
 * The realm's shares that match a filter, each revocable while it is pending or accepted. Used by the Shares page
 * (filters in `toolbarItem`) and a device's page (its own shares).
 */
export const SharesTable = ({ filter, toolbarItem }: { filter: ShareFilter; toolbarItem?: ReactNode }) => {
  const { t } = useTranslation();
  const { realm } = useRealm();
  const api = useIotAdminApi();
  const { addAlert, addError } = useAlerts();
  const alerting = useAlertingLoader();
  const formatTime = useFormatTime();
  const [reloads, setReloads] = useState(0);
  const tableKey = useTableKey(filter, reloads);
  const [revoking, setRevoking] = useState<Share>();

  const [confirmRevoke, RevokeConfirm] = useConfirmDialog({
    titleKey: "iotAdminRevokeShareTitle",
    continueButtonLabel: "iotAdminRevoke",
    children: revoking && t("iotAdminRevokeShareConfirm", { email: revoking.email, thing: revoking.resourceName ?? revoking.resourceId }),
    // Through the share's own device or ground, as its owner would: one revoke path, one audit trail.
    onConfirm: async () => {
      try {
        await api.delete(`/${revoking!.resourceType}s/${revoking!.resourceId}/shares/${revoking!.id}`);
        addAlert(t("iotAdminShareRevoked"));
        setReloads((n) => n + 1);
      } catch (error) {
        addError("iotAdminShareRevokeFailed", error);
      }
    },
  });

  return (
    <>
      <RevokeConfirm />
      <KeycloakDataTable<Share>
        key={tableKey}
        ariaLabelKey="iotAdminShares"
        isPaginated
        // A filtered empty list keeps its toolbar, so the filters can be changed back.
        isSearching={!!toolbarItem && Object.values(filter).some(Boolean)}
        toolbarItem={toolbarItem}
        loader={(first, max) => alerting(() => api.get<Share[]>("/shares", { first, max, ...filter }))}
        columns={[
          {
            name: "resourceName",
            displayKey: "iotAdminSharedThing",
            cellRenderer: (share) =>
              share.resourceType === "device" ? (
                <Link to={`/${encodeURIComponent(realm)}/iot/devices/${share.resourceId}`}>{share.resourceName ?? share.resourceId}</Link>
              ) : (
                `${share.resourceName ?? share.resourceId} (${t("iotAdminGround")})`
              ),
          },
          { name: "ownerName", displayKey: "iotAdminOwner" },
          { name: "email", displayKey: "iotAdminRecipient" },
          { name: "actions", displayKey: "iotAdminActions", cellRenderer: (share) => <WrappingText text={share.actions.join(", ")} /> },
          {
            name: "status",
            displayKey: "iotAdminStatus",
            cellRenderer: (share) => (
              <ShareStatusLabel
                status={share.status}
                explanation={t(`iotAdminShareStatus${share.status}`)}
                testId="iot-admin-share-status-label"
              />
            ),
          },
          { name: "createdTimestamp", displayKey: "iotAdminInvited", cellRenderer: (share) => formatTime(share.createdTimestamp) },
          {
            name: "expiresAt",
            displayKey: "iotAdminExpires",
            cellRenderer: (share) => formatTime(share.expiresAt) || t("iotAdminNever"),
          },
        ]}
        // KeycloakDataTable's rows carry their object in `data`; only live shares can be revoked.
        actionResolver={(row) => {
          const share = (row as unknown as { data: Share }).data;
          return share.status === "PENDING" || share.status === "ACCEPTED"
            ? [
                {
                  title: t("iotAdminRevoke"),
                  onClick: () => {
                    setRevoking(share);
                    confirmRevoke();
                  },
                },
              ]
            : [];
        }}
        emptyState={<ListEmptyState message={t("iotAdminNoShares")} instructions={t("iotAdminNoSharesInstructions")} />}
      />
    </>
  );
};
