import { Page } from "@keycloak/keycloak-account-ui";
import { KeycloakSpinner } from "@keycloak/keycloak-ui-shared";
import { Tab, TabTitleText, Tabs } from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { LoadFailedPage } from "../components/LoadFailedPage";
import { ResourceShares } from "../share/ResourceShares";
import { ResourceTokens } from "../tokens/ResourceTokens";
import { useIotApi } from "../useIotApi";
import { GroundDevices } from "./GroundDevices";
import { Ground } from "./GroundFields";
import { GroundSettings } from "./GroundSettings";

/** `iot/grounds/:groundId`: one ground's devices, tokens, sharing and settings, each in a tab. */
export const GroundPage = () => {
  const { t } = useTranslation();
  const api = useIotApi();
  const { groundId = "" } = useParams();
  const [ground, setGround] = useState<Ground>();
  const [error, setError] = useState<string>();
  const [activeTab, setActiveTab] = useState<string | number>("devices");

  useEffect(() => {
    const abort = new AbortController();
    setGround(undefined);
    setError(undefined);
    api
      .get<Ground>(`/grounds/${encodeURIComponent(groundId)}`, undefined, abort.signal)
      .then(setGround)
      .catch((e: Error) => abort.signal.aborted || setError(e.message));
    return () => abort.abort();
  }, [api, groundId]);

  if (error) {
    return <LoadFailedPage title={t("iotGrounds")} heading={t("iotGroundLoadError")} back={t("iotGroundBack")} error={error} />;
  }
  if (!ground) {
    return <KeycloakSpinner />;
  }
  const basePath = `/grounds/${ground.id}`;
  return (
    <Page title={ground.name} description={ground.description ?? ""}>
      <Tabs activeKey={activeTab} onSelect={(_, key) => setActiveTab(key)} mountOnEnter unmountOnExit>
        <Tab eventKey="devices" data-testid="iot-tab-ground-devices" title={<TabTitleText>{t("iotGroundDevices")}</TabTitleText>}>
          <GroundDevices groundId={ground.id} />
        </Tab>
        <Tab eventKey="tokens" data-testid="iot-tab-tokens" title={<TabTitleText>{t("iotGroundTokens")}</TabTitleText>}>
          <ResourceTokens basePath={basePath} />
        </Tab>
        <Tab eventKey="sharing" data-testid="iot-tab-sharing" title={<TabTitleText>{t("iotGroundSharing")}</TabTitleText>}>
          <ResourceShares basePath={basePath} />
        </Tab>
        <Tab eventKey="settings" data-testid="iot-tab-ground-settings" title={<TabTitleText>{t("iotGroundSettings")}</TabTitleText>}>
          <GroundSettings ground={ground} onUpdated={setGround} />
        </Tab>
      </Tabs>
    </Page>
  );
};
