import { ContinueCancelModal } from "@keycloak/keycloak-ui-shared";
import { Button, ButtonProps } from "@patternfly/react-core";
import { ReactNode } from "react";
import { useTranslation } from "react-i18next";

// ContinueCancelModal puts its `buttonTestRole` on the button as data-testrole; the end-to-end tests select by data-testid.
const ButtonWithTestId = ({ "data-testrole": testId, ...props }: ButtonProps & { "data-testrole"?: string }) => (
  <Button {...props} data-testid={testId} />
);

type ConfirmButtonProps = {
  testId: string;
  label: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  variant?: ButtonProps["variant"];
};

/** A button that asks first, in Keycloak's confirmation modal (its confirm button is `#modal-confirm`). */
export const ConfirmButton = ({ testId, label, title, children, confirmLabel, onConfirm, variant = "link" }: ConfirmButtonProps) => {
  const { t } = useTranslation();
  return (
    <ContinueCancelModal
      buttonTitle={label}
      buttonVariant={variant}
      buttonTestRole={testId}
      component={ButtonWithTestId}
      modalTitle={title}
      continueLabel={confirmLabel}
      cancelLabel={t("cancel")}
      onContinue={onConfirm}
    >
      {children}
    </ContinueCancelModal>
  );
};
