import { ViewHeader } from "@keycloak/keycloak-admin-ui";
import { KeycloakSelect, SelectVariant } from "@keycloak/keycloak-ui-shared";
import { PageSection, SelectOption, ToolbarItem } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ShareStatus, shareStatuses } from "../../shared/model";
import { FilterInput } from "../IotAdminCommon";
import { ShareFilter, SharesTable } from "./SharesTable";

/** Every share of the realm, filtered by status, owner (user id or username) and part of the invited address. */
export const IotSharesAdmin = () => {
  const { t } = useTranslation();
  const [statusOpen, setStatusOpen] = useState(false);
  const [owner, setOwner] = useState("");
  const [email, setEmail] = useState("");
  const [filter, setFilter] = useState<ShareFilter>({});
  const apply = () =>
    setFilter({ ...filter, owner: owner.trim() || undefined, email: email.trim() || undefined });

  return (
    <>
      <ViewHeader titleKey="iotAdminShares" subKey="iotAdminSharesHelp" />
      <PageSection variant="light" padding={{ default: "noPadding" }}>
        <SharesTable
          filter={filter}
          toolbarItem={
            <>
              <ToolbarItem>
                <KeycloakSelect
                  toggleId="iot-admin-share-status"
                  variant={SelectVariant.single}
                  isOpen={statusOpen}
                  onToggle={setStatusOpen}
                  selections={t(filter.status ? `iotAdminShareStatus${filter.status}` : "iotAdminAnyStatus")}
                  onSelect={(value) => {
                    setFilter({ ...filter, status: (value as ShareStatus | "") || undefined });
                    setStatusOpen(false);
                  }}
                  aria-label={t("iotAdminStatus")}
                >
                  {[
                    <SelectOption key="any" value="">
                      {t("iotAdminAnyStatus")}
                    </SelectOption>,
                    ...shareStatuses.map((status) => (
                      <SelectOption key={status} value={status} data-testid={`iot-admin-share-status-${status}`}>
                        {t(`iotAdminShareStatus${status}`)}
                      </SelectOption>
                    )),
                  ]}
                </KeycloakSelect>
              </ToolbarItem>
              <FilterInput id="iot-admin-share-owner" label={t("iotAdminOwnerFilter")} value={owner} onChange={setOwner} onApply={apply} />
              <FilterInput id="iot-admin-share-email" label={t("iotAdminEmailFilter")} value={email} onChange={setEmail} onApply={apply} />
            </>
          }
        />
      </PageSection>
    </>
  );
};
