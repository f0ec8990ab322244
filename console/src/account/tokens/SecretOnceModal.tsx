import { Alert, Button, ClipboardCopy, Modal, ModalVariant } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

/**
 * Shows a newly created token, the only time the server ever returns its secret. The caller holds the secret
 * only until `onClose`, which must clear it: the modal leaves the DOM as soon as `secret` is unset.
 */
export const SecretOnceModal = ({ secret, onClose }: { secret?: string; onClose: () => void }) => {
  const { t } = useTranslation();
  return (
    <Modal
      variant={ModalVariant.medium}
      title={t("iotTokenSecretTitle")}
      isOpen={!!secret}
      onClose={onClose}
      actions={[
        <Button key="done" data-testid="iot-token-done" onClick={onClose}>
          {t("iotTokenSecretDone")}
        </Button>,
      ]}
    >
      <Alert variant="warning" isInline isPlain title={t("iotTokenSecretWarning")} className="pf-v5-u-mb-md" />
      {secret && (
        <ClipboardCopy
          isReadOnly
          isCode
          data-testid="iot-token-secret"
          hoverTip={t("iotTokenCopy")}
          clickTip={t("iotTokenCopied")}
          textAriaLabel={t("iotTokenSecretTitle")}
          toggleAriaLabel={t("iotTokenCopy")}
        >
          {secret}
        </ClipboardCopy>
      )}
    </Modal>
  );
};
