import { Page } from "@keycloak/keycloak-account-ui";
import { Alert } from "@patternfly/react-core";
import { Link } from "react-router-dom";

/**
 * A detail page whose item could not be loaded (an unknown id and another user's item both answer 404): the
 * server's reason and the way back to the list.
 */
export const LoadFailedPage = ({ title, heading, back, error }: { title: string; heading: string; back: string; error: string }) => (
  <Page title={title} description="">
    <Alert
      variant="danger"
      isInline
      title={heading}
      actionLinks={
        <Link to=".." relative="path">
          {back}
        </Link>
      }
    >
      {error}
    </Alert>
  </Page>
);
