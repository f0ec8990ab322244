import { ButtonProps } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { DeleteButton } from "../components/DeleteButton";
import { Profile } from "./profile";

/** Revokes an access-token profile after asking: its token stops working at once. */
export const RevokeProfileButton = (props: { profile: Pick<Profile, "id" | "name">; onRevoked: () => void; variant?: ButtonProps["variant"] }) => {
  const { t } = useTranslation();
  const { profile } = props;
  return (
    <DeleteButton
      path={`/tokens/${profile.id}`}
      testId="iot-profile-revoke"
      label={t("iotProfileRevoke")}
      title={t("iotProfileRevokeTitle", { name: profile.name })}
      doneMessage={t("iotProfileRevoked", { name: profile.name })}
      errorKey="iotProfileRevokeError"
      onDeleted={props.onRevoked}
      variant={props.variant}
    >
      {t("iotProfileRevokeConfirm")}
    </DeleteButton>
  );
};
