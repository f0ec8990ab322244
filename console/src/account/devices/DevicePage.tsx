import { Page } from "@keycloak/keycloak-account-ui";
import { KeycloakSpinner, ListEmptyState, getErrorMessage, useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  ActionGroup,
  Alert,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  Label,
  LabelGroup,
  PageSection,
  Switch,
  Tab,
  TabTitleText,
  Tabs,
} from "@patternfly/react-core";
import { ArrowLeftIcon, SearchIcon } from "@patternfly/react-icons";
import { ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ApiError } from "../../shared/api";
import { formatTimestamp } from "../../shared/time";
import { DeleteButton } from "../components/DeleteButton";
import { ResourceShares } from "../share/ResourceShares";
import { ResourceTokens } from "../tokens/ResourceTokens";
import { useIotApi } from "../useIotApi";
import { Device } from "../../shared/model";
import { DeviceFields, DeviceNameAndType } from "./DeviceFields";
import { DeviceGrounds } from "./DeviceGrounds";

/** One device: its owner edits it, its tokens, shares and grounds; a recipient of a share sees it read-only. */
export const DevicePage = () => {
  const { t } = useTranslation();
  const api = useIotApi();
  const { deviceId } = useParams();
  const [device, setDevice] = useState<Device>();
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    setDevice(undefined);
    setFailure(undefined);
    api.get<Device>(`/devices/${encodeURIComponent(deviceId!)}`).then(setDevice, setFailure);
  }, [api, deviceId]);

  const backLink = (
    <Link to=".." relative="path" id="iot-device-back" className="pf-v5-u-display-inline-block pf-v5-u-mb-md">
      <ArrowLeftIcon className="pf-v5-u-mr-xs" />
      {t("iotDeviceBack")}
    </Link>
  );

  if (failure instanceof ApiError && failure.status === 404) {
    return (
      <PageSection variant="light">
        {backLink}
        <ListEmptyState icon={SearchIcon} message={t("iotDeviceNotFound")} instructions={t("iotDeviceNotFoundInstructions")} />
      </PageSection>
    );
  }
  if (failure) {
    return (
      <PageSection variant="light">
        {backLink}
        <Alert variant="danger" isInline title={t("iotDeviceLoadFailed")}>
          {getErrorMessage(failure)}
        </Alert>
      </PageSection>
    );
  }
  if (!device) return <KeycloakSpinner />;

  return (
    <Page
      title={device.name}
      description={device.sharedWithMe ? t("iotDeviceSharedBy", { owner: device.ownerName ?? "?" }) : t("iotDeviceOwnedDescription", { type: device.type })}
    >
      {backLink}
      {device.sharedWithMe ? <SharedDeviceTabs device={device} /> : <OwnDeviceTabs device={device} onChange={setDevice} />}
    </Page>
  );
};

const OwnDeviceTabs = ({ device, onChange }: { device: Device; onChange: (device: Device) => void }) => {
  const { t } = useTranslation();
  const [active, setActive] = useState<string | number>("settings");
  const basePath = `/devices/${device.id}`;
  return (
    <Tabs activeKey={active} onSelect={(_event, key) => setActive(key)} mountOnEnter unmountOnExit>
      <Tab eventKey="settings" data-testid="iot-tab-settings" title={<TabTitleText>{t("iotDeviceTabSettings")}</TabTitleText>}>
        <DeviceSettings device={device} onChange={onChange} />
      </Tab>
      <Tab eventKey="tokens" data-testid="iot-tab-tokens" title={<TabTitleText>{t("iotDeviceTabTokens")}</TabTitleText>}>
        <ResourceTokens basePath={basePath} />
      </Tab>
      <Tab eventKey="sharing" data-testid="iot-tab-sharing" title={<TabTitleText>{t("iotDeviceTabSharing")}</TabTitleText>}>
        <ResourceShares basePath={basePath} />
      </Tab>
      <Tab eventKey="grounds" data-testid="iot-tab-grounds" title={<TabTitleText>{t("iotDeviceTabGrounds")}</TabTitleText>}>
        <DeviceGrounds deviceId={device.id} />
      </Tab>
    </Tabs>
  );
};

/** A device someone shares with the user: what it is, whose it is and what the share allows; nothing to change. */
const SharedDeviceTabs = ({ device }: { device: Device }) => {
  const { t } = useTranslation();
  return (
    <Tabs activeKey="settings">
      <Tab eventKey="settings" data-testid="iot-tab-settings" title={<TabTitleText>{t("iotDeviceTabDetails")}</TabTitleText>}>
        <Alert variant="info" isInline isPlain className="pf-v5-u-my-md" title={t("iotDeviceSharedReadOnly", { owner: device.ownerName ?? "?" })} />
        <DeviceFacts device={device}>
          <DescriptionListGroup>
            <DescriptionListTerm>{t("iotDeviceOwner")}</DescriptionListTerm>
            <DescriptionListDescription data-testid="iot-device-owner">{device.ownerName}</DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t("iotDeviceSharedActions")}</DescriptionListTerm>
            <DescriptionListDescription data-testid="iot-device-shared-actions">
              <LabelGroup>
                {device.sharedActions?.map((action) => (
                  <Label key={action} isCompact>
                    {action}
                  </Label>
                ))}
              </LabelGroup>
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t("iotType")}</DescriptionListTerm>
            <DescriptionListDescription>{device.type}</DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t("iotDeviceEnabled")}</DescriptionListTerm>
            <DescriptionListDescription>{device.enabled ? t("iotDeviceEnabled") : t("iotDeviceDisabled")}</DescriptionListDescription>
          </DescriptionListGroup>
        </DeviceFacts>
      </Tab>
    </Tabs>
  );
};

/** The device's fixed facts (id, external id, created), after any facts of the caller's own. */
const DeviceFacts = ({ device, children }: { device: Device; children?: ReactNode }) => {
  const { t, i18n } = useTranslation();
  return (
    <DescriptionList isHorizontal className="pf-v5-u-my-md">
      {children}
      <DescriptionListGroup>
        <DescriptionListTerm>{t("iotDeviceId")}</DescriptionListTerm>
        <DescriptionListDescription>{device.id}</DescriptionListDescription>
      </DescriptionListGroup>
      <DescriptionListGroup>
        <DescriptionListTerm>{t("iotDeviceExternalId")}</DescriptionListTerm>
        <DescriptionListDescription>{device.externalId ?? "—"}</DescriptionListDescription>
      </DescriptionListGroup>
      <DescriptionListGroup>
        <DescriptionListTerm>{t("iotDeviceCreatedAt")}</DescriptionListTerm>
        <DescriptionListDescription>{formatTimestamp(device.createdTimestamp, i18n.language)}</DescriptionListDescription>
      </DescriptionListGroup>
    </DescriptionList>
  );
};

const DeviceSettings = ({ device, onChange }: { device: Device; onChange: (device: Device) => void }) => {
  const { t } = useTranslation();
  const api = useIotApi();
  const navigate = useNavigate();
  const { addAlert, addError } = useAlerts();
  const [value, setValue] = useState<DeviceNameAndType>({ name: device.name, type: device.type });
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const path = `/devices/${device.id}`;

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      onChange(await api.put<Device>(path, value));
      addAlert(t("iotDeviceSaved"));
    } catch (e) {
      setError(getErrorMessage(e));
    }
    setSaving(false);
  };

  const setEnabled = async (enabled: boolean) => {
    try {
      onChange(await api.put<Device>(path, { enabled }));
      addAlert(t(enabled ? "iotDeviceEnabledDone" : "iotDeviceDisabledDone"));
    } catch (e) {
      addError("iotDeviceSaveError", e);
    }
  };

  return (
    <>
      <DeviceFacts device={device} />
      <Form isHorizontal className="pf-v5-u-mb-lg" onSubmit={(event) => event.preventDefault()}>
        {error && <Alert variant="danger" isInline title={t("iotDeviceSaveFailed")}>{error}</Alert>}
        <DeviceFields value={value} onChange={setValue} />
        <FormGroup label={t("iotDeviceEnabled")} fieldId="iot-device-enabled" hasNoPaddingTop>
          <Switch id="iot-device-enabled" aria-label={t("iotDeviceEnabled")} isChecked={device.enabled} onChange={(_event, checked) => setEnabled(checked)} />
        </FormGroup>
        <ActionGroup>
          <Button data-testid="iot-device-update" isLoading={saving} isDisabled={saving} onClick={save}>
            {t("save")}
          </Button>
          <DeleteButton
            path={path}
            testId="iot-device-delete"
            variant="danger"
            label={t("iotDeviceDelete")}
            title={t("iotDeviceDeleteTitle")}
            doneMessage={t("iotDeviceDeleted", { name: device.name })}
            errorKey="iotDeviceDeleteError"
            onDeleted={() => navigate("..", { relative: "path" })}
          >
            {t("iotDeviceDeleteConfirm", { name: device.name })}
          </DeleteButton>
        </ActionGroup>
      </Form>
    </>
  );
};
