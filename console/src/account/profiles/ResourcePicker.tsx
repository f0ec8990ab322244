import { KeycloakSelect } from "@keycloak/keycloak-ui-shared";
import { SelectOption } from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useIotApi } from "../useIotApi";

type Named = { id: string; name: string };

/** The collections a permission can name one thing of by picking it: the user's devices (own and shared) and grounds. */
export const PICKABLE_TYPES: Record<string, string> = { device: "/devices", ground: "/grounds" };

// A handful of matches is enough to pick from; typing narrows the search on the server.
const MATCHES = 20;

/** Picks one of the user's devices or grounds by name, searching as the user types. */
export const ResourcePicker = ({
  id,
  collection,
  value,
  onChange,
}: {
  id: string;
  collection: string;
  value: string;
  onChange: (id: string) => void;
}) => {
  const { t } = useTranslation();
  const api = useIotApi();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const [matches, setMatches] = useState<Named[]>([]);
  const [selectedName, setSelectedName] = useState<string>();

  useEffect(() => {
    const abort = new AbortController();
    api
      .get<Named[]>(collection, { first: 0, max: MATCHES, search }, abort.signal)
      .then(setMatches)
      .catch(() => abort.signal.aborted || setMatches([]));
    return () => abort.abort();
  }, [api, collection, search]);

  // A saved permission brings only the id: its name comes from the resource (the id itself if it is gone).
  useEffect(() => {
    if (!value) {
      setSelectedName(undefined);
      return;
    }
    const known = matches.find((match) => match.id === value);
    if (known) {
      setSelectedName(known.name);
      return;
    }
    const abort = new AbortController();
    api
      .get<Named>(`${collection}/${encodeURIComponent(value)}`, undefined, abort.signal)
      .then((resource) => setSelectedName(resource.name))
      .catch(() => abort.signal.aborted || setSelectedName(value));
    return () => abort.abort();
    // Not on every new list of matches: only a new value needs its name.
  }, [api, collection, value]);

  return (
    <KeycloakSelect
      variant="typeahead"
      toggleId={id}
      isOpen={open}
      onToggle={setOpen}
      onFilter={setSearch}
      onSelect={(selected) => {
        onChange(String(selected));
        setOpen(false);
      }}
      selections={selectedName}
      placeholderText={t("iotPermissionPickResource")}
      typeAheadAriaLabel={t("iotPermissionPickResource")}
      validated={value ? "default" : "error"}
    >
      {matches.map((match) => (
        <SelectOption key={match.id} value={match.id}>
          {match.name}
        </SelectOption>
      ))}
    </KeycloakSelect>
  );
};
