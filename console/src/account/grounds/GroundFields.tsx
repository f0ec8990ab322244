import { FormGroup, TextArea, TextInput } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

export type { Ground } from "../../shared/model";

/** What a user edits of a ground; the server trims and validates both. */
export type GroundDraft = { name: string; description: string };

/** The ground's name and description inputs, shared by the create modal and the ground's settings tab. */
export const GroundFields = ({ draft, onChange }: { draft: GroundDraft; onChange: (draft: GroundDraft) => void }) => {
  const { t } = useTranslation();
  return (
    <>
      <FormGroup label={t("name")} fieldId="iot-ground-name" isRequired>
        <TextInput
          id="iot-ground-name"
          isRequired
          value={draft.name}
          onChange={(_, name) => onChange({ ...draft, name })}
        />
      </FormGroup>
      <FormGroup label={t("description")} fieldId="iot-ground-description">
        <TextArea
          id="iot-ground-description"
          resizeOrientation="vertical"
          value={draft.description}
          onChange={(_, description) => onChange({ ...draft, description })}
        />
      </FormGroup>
    </>
  );
};
