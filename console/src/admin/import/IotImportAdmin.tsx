import { ViewHeader, useRealm } from "@keycloak/keycloak-admin-ui";
import { KeycloakDataTable, useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  ActionGroup,
  AlertVariant,
  Button,
  FileUpload,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Label,
  PageSection,
  Title,
} from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { ImportReport, ImportRow } from "../../shared/model";
import { WrappingText, useTableKey } from "../IotAdminCommon";
import { useIotAdminApi } from "../useIotAdminApi";

/** JSON when the file says so or the text looks like JSON, else CSV (the two formats the import takes). */
function mediaType(fileName: string, text: string) {
  if (fileName.toLowerCase().endsWith(".json")) return "application/json";
  if (fileName.toLowerCase().endsWith(".csv")) return "text/csv";
  return /^\s*[[{]/.test(text) ? "application/json" : "text/csv";
}

/** Bulk import of devices from pasted or uploaded CSV or JSON, with every row's result. */
export const IotImportAdmin = () => {
  const { t } = useTranslation();
  const { realm } = useRealm();
  const api = useIotAdminApi();
  const { addAlert, addError } = useAlerts();
  const [fileName, setFileName] = useState("");
  const [text, setText] = useState("");
  const [importing, setImporting] = useState(false);
  const [report, setReport] = useState<ImportReport>();
  // Each import's results replace the table (KeycloakDataTable reloads when its key changes).
  const [imports, setImports] = useState(0);
  const tableKey = useTableKey(imports);

  const submit = async () => {
    setImporting(true);
    try {
      const result = await api.send<ImportReport>("POST", "/devices/import", text, mediaType(fileName, text));
      setReport(result);
      setImports((n) => n + 1);
      addAlert(t("iotAdminImportDone", { created: result.created, failed: result.failed }), result.failed ? AlertVariant.warning : AlertVariant.success);
    } catch (error) {
      addError("iotAdminImportFailed", error);
    } finally {
      setImporting(false);
    }
  };

  return (
    <>
      <ViewHeader titleKey="iotAdminImport" subKey="iotAdminImportHelp" />
      <PageSection variant="light">
        <Form onSubmit={(event) => event.preventDefault()}>
          <FormGroup label={t("iotAdminImportFile")} fieldId="iot-admin-import-text">
            <FileUpload
              id="iot-admin-import-text"
              data-testid="iot-admin-import-text"
              type="text"
              value={text}
              filename={fileName}
              filenamePlaceholder={t("iotAdminImportPlaceholder")}
              browseButtonText={t("iotAdminBrowse")}
              clearButtonText={t("iotAdminClear")}
              accept=".csv,.json,text/csv,application/json"
              allowEditingUploadedText
              onFileInputChange={(_, file) => setFileName(file.name)}
              onDataChange={(_, data) => setText(data)}
              onTextChange={(_, value) => setText(value)}
              onClearClick={() => {
                setFileName("");
                setText("");
              }}
            />
            <FormHelperText>
              <HelperText>
                <HelperTextItem>{t("iotAdminImportFormat")}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <ActionGroup>
            <Button
              data-testid="iot-admin-import-submit"
              onClick={submit}
              isDisabled={!text.trim() || importing}
              isLoading={importing}
            >
              {t("iotAdminImportStart")}
            </Button>
          </ActionGroup>
        </Form>
      </PageSection>
      {report && (
        <PageSection variant="light" padding={{ default: "noPadding" }}>
          <Title headingLevel="h2" size="lg" className="pf-v5-u-px-lg pf-v5-u-pt-lg" data-testid="iot-admin-import-counts">
            {t("iotAdminImportDone", { created: report.created, failed: report.failed })}
          </Title>
          <KeycloakDataTable<ImportRow>
            key={tableKey}
            ariaLabelKey="iotAdminImportResults"
            isPaginated
            loader={report.rows}
            columns={[
              { name: "row", displayKey: "iotAdminRow" },
              {
                name: "status",
                displayKey: "iotAdminStatus",
                cellRenderer: (row) => (
                  <Label color={row.status === "created" ? "green" : "red"}>
                    {t(row.status === "created" ? "iotAdminRowCreated" : "iotAdminRowFailed")}
                  </Label>
                ),
              },
              {
                name: "id",
                displayKey: "iotAdminId",
                cellRenderer: (row) => (row.id ? <Link to={`/${encodeURIComponent(realm)}/iot/devices/${row.id}`}>{row.id}</Link> : ""),
              },
              { name: "externalId", displayKey: "iotAdminExternalId" },
              {
                name: "error_description",
                displayKey: "iotAdminError",
                cellRenderer: (row) => <WrappingText text={row.error ? `${row.error}: ${row.error_description ?? ""}` : null} />,
              },
            ]}
          />
        </PageSection>
      )}
    </>
  );
};
