import { Label, LabelProps, Tooltip } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

export type ShareStatus = "PENDING" | "ACCEPTED" | "DECLINED" | "REVOKED" | "EXPIRED";

const colors: Record<ShareStatus, LabelProps["color"]> = {
  PENDING: "orange",
  ACCEPTED: "green",
  DECLINED: "grey",
  REVOKED: "grey",
  EXPIRED: "grey",
};

/** A share's status as the API's word (what the end-to-end tests read), explained in the reader's language on hover. */
export const ShareStatusLabel = ({ status }: { status: ShareStatus }) => {
  const { t } = useTranslation();
  return (
    <Tooltip content={t(`iotShareStatus${status}`)}>
      <Label color={colors[status]} data-testid="iot-share-status">
        {status}
      </Label>
    </Tooltip>
  );
};
