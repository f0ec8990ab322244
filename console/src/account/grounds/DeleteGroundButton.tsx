import { ButtonProps } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { DeleteButton } from "../components/DeleteButton";
import type { Ground } from "./GroundFields";

/** Deletes a ground after asking; its devices stay, the server revokes its tokens and ends its shares. */
export const DeleteGroundButton = (props: { ground: Ground; onDeleted: () => void; variant?: ButtonProps["variant"] }) => {
  const { t } = useTranslation();
  const { ground } = props;
  return (
    <DeleteButton
      path={`/grounds/${ground.id}`}
      testId="iot-ground-delete"
      label={t("delete")}
      title={t("iotGroundDeleteTitle", { name: ground.name })}
      doneMessage={t("iotGroundDeleted", { name: ground.name })}
      errorKey="iotGroundDeleteError"
      onDeleted={props.onDeleted}
      variant={props.variant}
    >
      {t("iotGroundDeleteConfirm")}
    </DeleteButton>
  );
};
