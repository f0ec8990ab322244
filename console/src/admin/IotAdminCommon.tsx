import { useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import { useAlerts } from "@keycloak/keycloak-ui-shared";
import { Alert, Label, PageSection, TextInput, ToolbarItem } from "@patternfly/react-core";
import { TableText } from "@patternfly/react-table";
import { useCallback, useRef } from "react";
import { useTranslation } from "react-i18next";
import { formatTimestamp } from "../shared/time";

/**
 * A table loader that turns a failed call into an error alert carrying the server's error_description and an empty
 * page: KeycloakDataTable would otherwise hand the error to the console's error boundary and replace the whole page.
 */
export function useAlertingLoader() {
  const { addError } = useAlerts();
  return useCallback(
    <T,>(load: () => Promise<T[]>) =>
      load().catch((error: unknown) => {
        addError("iotAdminLoadFailed", error);
        return [] as T[];
      }),
    [addError],
  );
}

/**
 * The key of a KeycloakDataTable, which renders its cells once per load: a new key reloads it. It changes with the
 * realm, the console's language (the signed-in admin's language arrives after the first render, and cells hold
 * translated text) and the given parts (filters, a counter bumped after a change).
 */
export function useTableKey(...parts: unknown[]) {
  const { realm } = useRealm();
  const { i18n } = useTranslation();
  return JSON.stringify([realm, i18n.language, ...parts]);
}

/** Usernames of user ids, looked up once per page visit through Keycloak's own admin API (the pack's JSON has ids). */
export function useUsernames() {
  const { adminClient } = useAdminClient();
  const known = useRef(new Map<string, Promise<string>>());
  return useCallback(
    (id: string) => {
      let username = known.current.get(id);
      if (!username) {
        // A removed user keeps showing its id rather than failing the whole list.
        username = adminClient.users
          .findOne({ id })
          .then((user) => user?.username ?? id)
          .catch(() => id);
        known.current.set(id, username);
      }
      return username;
    },
    [adminClient],
  );
}

/** Epoch milliseconds in the console's current language; empty for none (a time that is not set). */
export function useFormatTime() {
  const { i18n } = useTranslation();
  return useCallback(
    (millis: number | null | undefined) => (millis ? formatTimestamp(millis, i18n.language) : ""),
    [i18n.language],
  );
}

export const EnabledLabel = ({ enabled }: { enabled: boolean }) => {
  const { t } = useTranslation();
  return <Label color={enabled ? "green" : "grey"}>{t(enabled ? "iotAdminEnabled" : "iotAdminDisabled")}</Label>;
};

/** Long cell text (action lists, descriptions, errors) that wraps: the console's compact tables do not wrap by default. */
export const WrappingText = ({ text }: { text: string | null }) => <TableText wrapModifier="wrap">{text}</TableText>;

/** A text filter of a list's toolbar; `onApply` runs on Enter, not on every keystroke (each change reloads the table). */
export const FilterInput = ({
  id,
  label,
  value,
  onChange,
  onApply,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  onApply: () => void;
}) => (
  <ToolbarItem>
    <TextInput
      id={id}
      data-testid={id}
      aria-label={label}
      placeholder={label}
      value={value}
      onChange={(_, text) => onChange(text)}
      onKeyDown={(event) => event.key === "Enter" && onApply()}
    />
  </ToolbarItem>
);

/** A page whose data could not be loaded: the server's reason in place of the page. */
export const LoadFailed = ({ title, error, testId }: { title: string; error: string; testId: string }) => (
  <PageSection variant="light">
    <Alert variant="danger" isInline title={title} data-testid={testId}>
      {error}
    </Alert>
  </PageSection>
);
