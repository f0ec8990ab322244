import { getErrorMessage } from "@keycloak/keycloak-ui-shared";
import { Alert, Button, Form, Modal, ModalVariant } from "@patternfly/react-core";
import { ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";

type FormModalProps = {
  title: string;
  submitLabel: string;
  submitTestId: string;
  /** The title of the inline alert that shows why the server refused (its error_description). */
  errorTitle: string;
  /** Sends the form; the caller closes the modal on success, a rejection keeps it open with the reason. */
  onSubmit: () => Promise<void>;
  onClose: () => void;
  isSubmitDisabled?: boolean;
  children: ReactNode;
};

/** A small modal form that creates something through the API and shows the server's validation errors in place. */
export const FormModal = ({ title, submitLabel, submitTestId, errorTitle, onSubmit, onClose, isSubmitDisabled, children }: FormModalProps) => {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);

  const submit = async () => {
    setSending(true);
    setError(undefined);
    try {
      await onSubmit();
    } catch (e) {
      setError(getErrorMessage(e));
      setSending(false);
    }
  };

  return (
    <Modal
      variant={ModalVariant.small}
      title={title}
      isOpen
      onClose={onClose}
      actions={[
        <Button key="submit" data-testid={submitTestId} isDisabled={isSubmitDisabled || sending} isLoading={sending} onClick={submit}>
          {submitLabel}
        </Button>,
        <Button key="cancel" variant="link" onClick={onClose}>
          {t("cancel")}
        </Button>,
      ]}
    >
      <Form onSubmit={(event) => event.preventDefault()}>
        {error && (
          <Alert variant="danger" isInline title={errorTitle}>
            {error}
          </Alert>
        )}
        {children}
      </Form>
    </Modal>
  );
};
