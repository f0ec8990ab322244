import { ViewHeader, useConfirmDialog } from "@keycloak/keycloak-admin-ui";
import { KeycloakSpinner, useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  HelperText,
  HelperTextItem,
  InputGroup,
  InputGroupItem,
  PageSection,
  Switch,
  TextInput,
  Title,
} from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { LoadFailed, useFormatTime, useUsernames } from "../IotAdminCommon";
import { SharesTable } from "../shares/SharesTable";
import { useIotAdminApi } from "../useIotAdminApi";
import { DeviceTokens } from "./DeviceTokens";
import { Device } from "../../shared/model";

/** One device: its details, enabling, transfer to another owner, its tokens and its shares. */
export const IotDeviceAdmin = () => {
  const { t } = useTranslation();
  const { deviceId } = useParams<{ deviceId: string }>();
  const api = useIotAdminApi();
  const username = useUsernames();
  const formatTime = useFormatTime();
  const { addAlert, addError } = useAlerts();
  const [device, setDevice] = useState<Device>();
  const [ownerUsername, setOwnerUsername] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const [newOwner, setNewOwner] = useState("");
  // Tokens and shares end with a transfer: their tables reload after one.
  const [transfers, setTransfers] = useState(0);

  const show = async (loaded: Device) => {
    setOwnerUsername(loaded.owner && (await username(loaded.owner)));
    setDevice(loaded);
  };

  useEffect(() => {
    api
      .get<Device>(`/devices/${deviceId}`)
      .then(show)
      .catch((error: Error) => setLoadError(error.message));
  }, [api, deviceId]);

  const setEnabled = async (enabled: boolean) => {
    try {
      await show(await api.put<Device>(`/devices/${deviceId}`, { enabled }));
      addAlert(t(enabled ? "iotAdminDeviceEnabled" : "iotAdminDeviceDisabled"));
    } catch (error) {
      addError("iotAdminDeviceSaveFailed", error);
    }
  };

  const [confirmTransfer, TransferConfirm] = useConfirmDialog({
    titleKey: "iotAdminTransferTitle",
    messageKey: "iotAdminTransferConfirm",
    continueButtonLabel: "iotAdminTransfer",
    onConfirm: async () => {
      try {
        await show(await api.put<Device>(`/devices/${deviceId}/owner`, { owner: newOwner.trim() || null }));
        setNewOwner("");
        setTransfers((n) => n + 1);
        addAlert(t("iotAdminTransferred"));
      } catch (error) {
        addError("iotAdminTransferFailed", error);
      }
    },
  });

  if (loadError) {
    return <LoadFailed title={t("iotAdminDeviceLoadFailed")} error={loadError} testId="iot-admin-device-error" />;
  }
  if (!device) return <KeycloakSpinner />;

  // Translated labels, then the device's own attributes under their keys.
  const details: [string, string][] = [
    [t("iotAdminId"), device.id],
    [t("iotAdminType"), device.type],
    [t("iotAdminExternalId"), device.externalId ?? "—"],
    [t("iotAdminOwner"), ownerUsername ?? t("iotAdminRealmFleet")],
    [t("iotAdminCreated"), formatTime(device.createdTimestamp)],
    ...Object.entries(device.attributes ?? {}),
  ];

  return (
    <>
      <TransferConfirm />
      <ViewHeader titleKey={device.name} noTranslate subKey="iotAdminDeviceHelp" />
      <PageSection variant="light">
        <DescriptionList isHorizontal data-testid="iot-admin-device-details">
          {details.map(([term, value]) => (
            <DescriptionListGroup key={term}>
              <DescriptionListTerm>{term}</DescriptionListTerm>
              <DescriptionListDescription>{value}</DescriptionListDescription>
            </DescriptionListGroup>
          ))}
          <DescriptionListGroup>
            <DescriptionListTerm>{t("iotAdminState")}</DescriptionListTerm>
            <DescriptionListDescription>
              <Switch
                id="iot-admin-device-enabled"
                data-testid="iot-admin-device-enabled"
                label={t("iotAdminEnabled")}
                labelOff={t("iotAdminDisabled")}
                isChecked={device.enabled}
                onChange={(_, checked) => setEnabled(checked)}
              />
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t("iotAdminTransferTo")}</DescriptionListTerm>
            <DescriptionListDescription>
              <InputGroup className="pf-v5-u-w-50-on-lg">
                <InputGroupItem isFill>
                  <TextInput
                    id="iot-admin-transfer-owner"
                    data-testid="iot-admin-transfer-owner"
                    aria-label={t("iotAdminTransferTo")}
                    value={newOwner}
                    onChange={(_, value) => setNewOwner(value)}
                  />
                </InputGroupItem>
                <InputGroupItem>
                  <Button variant="secondary" data-testid="iot-admin-transfer" onClick={confirmTransfer}>
                    {t("iotAdminTransfer")}
                  </Button>
                </InputGroupItem>
              </InputGroup>
              <HelperText className="pf-v5-u-mt-xs">
                <HelperTextItem>{t("iotAdminTransferHelp")}</HelperTextItem>
              </HelperText>
            </DescriptionListDescription>
          </DescriptionListGroup>
        </DescriptionList>
      </PageSection>
      <PageSection variant="light" padding={{ default: "noPadding" }}>
        <Title headingLevel="h2" size="lg" className="pf-v5-u-px-lg pf-v5-u-pt-lg">
          {t("iotAdminTokens")}
        </Title>
        <DeviceTokens key={transfers} deviceId={device.id} />
      </PageSection>
      <PageSection variant="light" padding={{ default: "noPadding" }}>
        <Title headingLevel="h2" size="lg" className="pf-v5-u-px-lg pf-v5-u-pt-lg">
          {t("iotAdminShares")}
        </Title>
        <SharesTable key={transfers} filter={{ resource: device.id }} />
      </PageSection>
    </>
  );
};
