import { useAlerts } from "@keycloak/keycloak-ui-shared";
import { ButtonProps } from "@patternfly/react-core";
import { ReactNode } from "react";
import { useIotApi } from "../useIotApi";
import { ConfirmButton } from "./ConfirmButton";

type DeleteButtonProps = {
  /** The API path to DELETE once confirmed. */
  path: string;
  testId: string;
  label: string;
  title: string;
  children: ReactNode;
  /** The alert once done. */
  doneMessage: string;
  /** The message key of the alert on failure; it gets the server's reason as `{{error}}`. */
  errorKey: string;
  onDeleted: () => void;
  variant?: ButtonProps["variant"];
};

/** A button that asks, then deletes or revokes one thing of the self-service API and says how it went. */
export const DeleteButton = ({ path, doneMessage, errorKey, onDeleted, label, ...confirm }: DeleteButtonProps) => {
  const api = useIotApi();
  const { addAlert, addError } = useAlerts();

  const remove = async () => {
    try {
      await api.delete(path);
      addAlert(doneMessage);
      onDeleted();
    } catch (error) {
      addError(errorKey, error);
    }
  };

  return <ConfirmButton {...confirm} label={label} confirmLabel={label} onConfirm={remove} />;
};
