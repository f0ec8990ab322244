import { Alert, Button, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, Modal, Switch, TextInput } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ResourceType } from "./types";

type Props = {
  /** The type to edit, or undefined to add one. */
  editing?: ResourceType;
  /** Saves the type; a rejection's message (the server's error_description) is shown in the dialog. */
  onSave: (type: ResourceType) => Promise<void>;
  onClose: () => void;
};

const list = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** Adds or edits one resource type of the permission catalogue. */
export const ResourceTypeModal = ({ editing, onSave, onClose }: Props) => {
  const { t } = useTranslation();
  const [type, setType] = useState(editing?.type ?? "");
  const [description, setDescription] = useState(editing?.description ?? "");
  const [actions, setActions] = useState(editing?.actions.join(", ") ?? "");
  const [deviceActions, setDeviceActions] = useState(editing?.deviceActions.join(", ") ?? "");
  const [adminOnly, setAdminOnly] = useState(editing?.adminOnly ?? false);
  const [error, setError] = useState<string>();

  const save = () =>
    onSave({ type: type.trim(), description: description.trim() || null, actions: list(actions), deviceActions: list(deviceActions), adminOnly })
      .then(onClose)
      .catch((failure: Error) => setError(failure.message));

  return (
    <Modal
      variant="medium"
      isOpen
      title={t(editing ? "iotAdminEditType" : "iotAdminAddType")}
      onClose={onClose}
      actions={[
        <Button key="save" data-testid="iot-admin-type-save" onClick={save} isDisabled={!type.trim() || !actions.trim()}>
          {t("save")}
        </Button>,
        <Button key="cancel" variant="link" onClick={onClose}>
          {t("cancel")}
        </Button>,
      ]}
    >
      {error && <Alert variant="danger" isInline title={error} className="pf-v5-u-mb-md" data-testid="iot-admin-type-error" />}
      <Form onSubmit={(event) => event.preventDefault()}>
        <FormGroup label={t("iotAdminType")} fieldId="iot-admin-type-name" isRequired>
          <TextInput id="iot-admin-type-name" value={type} onChange={(_, value) => setType(value)} isDisabled={!!editing} />
          <FormHelperText>
            <HelperText>
              <HelperTextItem>{t("iotAdminTypeNameHelp")}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
        <FormGroup label={t("iotAdminDescription")} fieldId="iot-admin-type-description">
          <TextInput id="iot-admin-type-description" value={description} onChange={(_, value) => setDescription(value)} />
        </FormGroup>
        <FormGroup label={t("iotAdminActions")} fieldId="iot-admin-type-actions" isRequired>
          <TextInput id="iot-admin-type-actions" value={actions} onChange={(_, value) => setActions(value)} />
          <FormHelperText>
            <HelperText>
              <HelperTextItem>{t("iotAdminActionsHelp")}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
        <FormGroup label={t("iotAdminDeviceActions")} fieldId="iot-admin-type-device-actions">
          <TextInput id="iot-admin-type-device-actions" value={deviceActions} onChange={(_, value) => setDeviceActions(value)} />
          <FormHelperText>
            <HelperText>
              <HelperTextItem>{t("iotAdminDeviceActionsHelp")}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
        <FormGroup fieldId="iot-admin-type-admin-only">
          <Switch id="iot-admin-type-admin-only" label={t("iotAdminAdminOnly")} isChecked={adminOnly} onChange={(_, checked) => setAdminOnly(checked)} />
        </FormGroup>
      </Form>
    </Modal>
  );
};
