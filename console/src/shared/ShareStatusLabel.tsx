import { Label, LabelProps, Tooltip } from "@patternfly/react-core";
import { ShareStatus } from "./model";

const colors: Record<ShareStatus, LabelProps["color"]> = {
  PENDING: "orange",
  ACCEPTED: "green",
  DECLINED: "grey",
  REVOKED: "grey",
  EXPIRED: "grey",
};

/**
 * A share's status as the API's word (what people compare with the API and the end-to-end tests read), explained
 * in the reader's language on hover.
 */
export const ShareStatusLabel = ({ status, explanation, testId }: { status: ShareStatus; explanation: string; testId: string }) => (
  <Tooltip content={explanation}>
    <Label color={colors[status]} data-testid={testId}>
      {status}
    </Label>
  </Tooltip>
);
