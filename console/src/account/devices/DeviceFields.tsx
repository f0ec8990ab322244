import { FormGroup, TextInput } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

export type DeviceNameAndType = { name: string; type: string };

/** The name and type inputs of a device, as the create modal and the settings tab edit them. */
export const DeviceFields = ({ value, onChange }: { value: DeviceNameAndType; onChange: (value: DeviceNameAndType) => void }) => {
  const { t } = useTranslation();
  return (
    <>
      <FormGroup label={t("iotName")} fieldId="iot-device-name" isRequired>
        <TextInput id="iot-device-name" value={value.name} onChange={(_event, name) => onChange({ ...value, name })} isRequired />
      </FormGroup>
      <FormGroup label={t("iotType")} fieldId="iot-device-type" isRequired>
        <TextInput id="iot-device-type" value={value.type} onChange={(_event, type) => onChange({ ...value, type })} isRequired />
      </FormGroup>
    </>
  );
};
