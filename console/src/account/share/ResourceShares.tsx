import { KeycloakDataTable, ListEmptyState, useAlerts } from "@keycloak/keycloak-ui-shared";
import { AlertVariant, Button, Checkbox, FormGroup, TextInput, ToolbarItem } from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatTimestamp } from "../../shared/time";
import { DeleteButton } from "../components/DeleteButton";
import { ExpiryDatePicker, expiryOfDay, isValidExpiry } from "../components/ExpiryDatePicker";
import { FormModal } from "../components/FormModal";
import { useListLoader } from "../components/useListLoader";
import { useIotApi } from "../useIotApi";
import { Catalogue, Share, isLive } from "../../shared/model";
import { ShareStatusLabel } from "../../shared/ShareStatusLabel";

/** The shares of one device or ground (`basePath` = `/devices/{id}` or `/grounds/{id}`): invite by e-mail, list, revoke. */
export const ResourceShares = ({ basePath }: { basePath: string }) => {
  const { t, i18n } = useTranslation();
  const api = useIotApi();
  const load = useListLoader();
  const { addAlert } = useAlerts();
  const [reloads, setReloads] = useState(0);
  const [inviting, setInviting] = useState(false);
  const reload = () => setReloads((n) => n + 1);

  const shareButton = (
    <Button data-testid="iot-share-device" onClick={() => setInviting(true)}>
      {t("iotShareInvite")}
    </Button>
  );

  return (
    <>
      <KeycloakDataTable<Share>
        key={`${basePath}:${reloads}`}
        ariaLabelKey="iotShareList"
        isPaginated
        loader={(first, max) => load(api.get<Share[]>(`${basePath}/shares`, { first, max }))}
        toolbarItem={<ToolbarItem>{shareButton}</ToolbarItem>}
        columns={[
          { name: "email", displayKey: "iotShareEmail" },
          { name: "actions", displayKey: "iotShareActions", cellRenderer: (share) => share.actions.join(", ") },
          { name: "status", displayKey: "iotShareStatus", cellRenderer: (share) => <ShareStatusLabel status={share.status} explanation={t(`iotShareStatus${share.status}`)} testId="iot-share-status" /> },
          {
            name: "expiresAt",
            displayKey: "iotShareExpires",
            cellRenderer: (share) => (share.expiresAt ? formatTimestamp(share.expiresAt, i18n.language) : t("iotShareNeverExpires")),
          },
          {
            name: "createdTimestamp",
            displayKey: "iotShareInvitedAt",
            cellRenderer: (share) => formatTimestamp(share.createdTimestamp, i18n.language),
          },
          {
            name: "revoke",
            displayKey: " ",
            cellRenderer: (share) =>
              isLive(share) ? (
                <DeleteButton
                  path={`${basePath}/shares/${share.id}`}
                  testId="iot-share-revoke"
                  label={t("iotShareRevoke")}
                  title={t("iotShareRevokeTitle")}
                  doneMessage={t("iotShareRevoked", { email: share.email })}
                  errorKey="iotShareRevokeError"
                  onDeleted={reload}
                >
                  {t("iotShareRevokeConfirm", { email: share.email })}
                </DeleteButton>
              ) : (
                ""
              ),
          },
        ]}
        emptyState={
          <ListEmptyState message={t("iotShareNone")} instructions={t("iotShareNoneInstructions")}>
            {shareButton}
          </ListEmptyState>
        }
      />
      {inviting && (
        <InviteModal
          basePath={basePath}
          onClose={() => setInviting(false)}
          onInvited={(share) => {
            setInviting(false);
            addAlert(t(share.invitationSent ? "iotShareInvitationSent" : "iotShareInvitationNotSent", { email: share.email }), share.invitationSent ? AlertVariant.success : AlertVariant.warning);
            reload();
          }}
        />
      )}
    </>
  );
};

const InviteModal = ({ basePath, onClose, onInvited }: { basePath: string; onClose: () => void; onInvited: (share: Share) => void }) => {
  const { t } = useTranslation();
  const api = useIotApi();
  const { addError } = useAlerts();
  // Shares carry the device type's device-level actions, for a ground as for a device.
  const [deviceActions, setDeviceActions] = useState<string[]>();
  const [email, setEmail] = useState("");
  const [actions, setActions] = useState<string[]>(["read"]);
  const [expires, setExpires] = useState("");
  const [reshareAllowed, setReshareAllowed] = useState(false);

  useEffect(() => {
    api
      .get<Catalogue>("/catalogue")
      .then((catalogue) => setDeviceActions(catalogue.types.find((type) => type.type === "device")?.deviceActions ?? []))
      .catch((error: unknown) => addError("iotShareCatalogueError", error));
  }, [api, addError]);

  const toggle = (action: string, checked: boolean) =>
    setActions((current) => (checked ? [...current, action] : current.filter((a) => a !== action)));

  const send = async () =>
    onInvited(
      await api.post<Share>(`${basePath}/shares`, {
        email,
        actions,
        reshareAllowed,
        ...(expires ? { expiresAt: expiryOfDay(expires) } : {}),
      }),
    );

  return (
    <FormModal
      title={t("iotShareInvite")}
      submitLabel={t("iotShareSend")}
      submitTestId="iot-share-send"
      errorTitle={t("iotShareInviteFailed")}
      isSubmitDisabled={!isValidExpiry(expires)}
      onSubmit={send}
      onClose={onClose}
    >
      <FormGroup label={t("iotShareEmail")} fieldId="iot-share-email" isRequired>
        <TextInput id="iot-share-email" type="email" value={email} onChange={(_event, value) => setEmail(value)} isRequired />
      </FormGroup>
      <FormGroup label={t("iotShareActions")} role="group" isRequired isStack>
        {deviceActions?.map((action) => (
          <Checkbox
            key={action}
            id={`iot-share-action-${action}`}
            label={action}
            isChecked={actions.includes(action)}
            onChange={(_event, checked) => toggle(action, checked)}
          />
        ))}
      </FormGroup>
      <FormGroup label={t("iotShareExpiresOptional")} fieldId="iot-share-expires">
        <ExpiryDatePicker id="iot-share-expires" value={expires} onChange={setExpires} />
      </FormGroup>
      <Checkbox
        id="iot-share-reshare"
        label={t("iotShareReshareAllowed")}
        description={t("iotShareReshareAllowedHelp")}
        isChecked={reshareAllowed}
        onChange={(_event, checked) => setReshareAllowed(checked)}
      />
    </FormModal>
  );
};
