import { Page } from "@keycloak/keycloak-account-ui";
import { KeycloakDataTable, ListEmptyState, useAlerts } from "@keycloak/keycloak-ui-shared";
import { Button } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { formatTimestamp } from "../../shared/time";
import { DeleteButton } from "../components/DeleteButton";
import { useListLoader } from "../components/useListLoader";
import { useIotApi } from "../useIotApi";
import { Share } from "../../shared/model";
import { ShareStatusLabel } from "../../shared/ShareStatusLabel";

/** The invitations to the signed-in user's verified address: accept or decline the pending ones, leave accepted ones. */
export const SharedWithMe = () => {
  const { t, i18n } = useTranslation();
  const api = useIotApi();
  const load = useListLoader();
  const { addAlert, addError } = useAlerts();
  const [reloads, setReloads] = useState(0);
  const reload = () => setReloads((n) => n + 1);

  const answer = async (share: Share, call: () => Promise<unknown>, doneKey: string) => {
    try {
      await call();
      addAlert(t(doneKey, { name: share.resourceName }));
    } catch (error) {
      addError("iotIncomingError", error);
    }
    reload();
  };

  return (
    <Page title={t("iotSharedWithMe")} description={t("iotIncomingDescription")}>
      <KeycloakDataTable<Share>
        key={reloads}
        ariaLabelKey="iotSharedWithMe"
        isPaginated
        loader={(first, max) => load(api.get<Share[]>("/shares/incoming", { first, max }))}
        columns={[
          {
            name: "resourceName",
            displayKey: "iotIncomingResource",
            // An accepted device share opens the device's (read-only) page; grounds have no page for their recipients.
            cellRenderer: (share) =>
              share.status === "ACCEPTED" && share.resourceType === "device" ? (
                <Link to={`../devices/${share.resourceId}`} relative="path">
                  {share.resourceName}
                </Link>
              ) : (
                (share.resourceName ?? "")
              ),
          },
          { name: "resourceType", displayKey: "iotType", cellRenderer: (share) => t(`iotIncomingType_${share.resourceType}`) },
          { name: "ownerName", displayKey: "iotIncomingOwner", cellRenderer: (share) => share.ownerName ?? "" },
          { name: "actions", displayKey: "iotShareActions", cellRenderer: (share) => share.actions.join(", ") },
          { name: "status", displayKey: "iotShareStatus", cellRenderer: (share) => <ShareStatusLabel status={share.status} explanation={t(`iotShareStatus${share.status}`)} testId="iot-share-status" /> },
          {
            name: "expiresAt",
            displayKey: "iotShareExpires",
            cellRenderer: (share) => (share.expiresAt ? formatTimestamp(share.expiresAt, i18n.language) : t("iotShareNeverExpires")),
          },
          {
            name: "answer",
            displayKey: " ",
            cellRenderer: (share) =>
              share.status === "PENDING" ? (
                <>
                  <Button
                    variant="primary"
                    size="sm"
                    data-testid="iot-share-accept"
                    onClick={() => answer(share, () => api.post(`/shares/${share.id}/accept`), "iotIncomingAccepted")}
                  >
                    {t("iotIncomingAccept")}
                  </Button>{" "}
                  <Button
                    variant="secondary"
                    size="sm"
                    data-testid="iot-share-decline"
                    onClick={() => answer(share, () => api.post(`/shares/${share.id}/decline`), "iotIncomingDeclined")}
                  >
                    {t("iotIncomingDecline")}
                  </Button>
                </>
              ) : share.status === "ACCEPTED" ? (
                <DeleteButton
                  path={`/shares/${share.id}`}
                  testId="iot-share-leave"
                  label={t("iotIncomingLeave")}
                  title={t("iotIncomingLeaveTitle")}
                  doneMessage={t("iotIncomingLeft", { name: share.resourceName })}
                  errorKey="iotIncomingError"
                  onDeleted={reload}
                >
                  {t("iotIncomingLeaveConfirm", { name: share.resourceName, owner: share.ownerName ?? "?" })}
                </DeleteButton>
              ) : (
                ""
              ),
          },
        ]}
        emptyState={<ListEmptyState message={t("iotIncomingNone")} instructions={t("iotIncomingNoneInstructions")} />}
      />
    </Page>
  );
};
