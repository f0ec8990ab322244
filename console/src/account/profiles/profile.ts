/** One grant of an access-token profile: a catalogue type, one resource id or "*" (all of them), and actions. */
export type Permission = { type: string; resource: string; actions: string[] };

/** An access-token profile as listed (never its secret; `token` only in the answer that creates it). Times are epoch ms. */
export type Profile = {
  id: string;
  name: string;
  token?: string;
  createdTimestamp: number;
  expiresAt: number | null;
  lastUsedTimestamp: number | null;
  enabled: boolean;
  permissions: Permission[];
};

/** A resource type of the realm's permission catalogue (`GET /catalogue`). */
export type ResourceType = { type: string; description: string | null; actions: string[]; adminOnly: boolean };

export type Catalogue = {
  types: ResourceType[];
  settings: { profileTokenMaxLifetimeSeconds: number | null; selfGrantTypes: string[] | null };
};

export const ALL_RESOURCES = "*";

/** The types a user may put in their own profiles: not admin-only, and within the realm's self-grant list if it has one. */
export function selfGrantableTypes({ types, settings }: Catalogue) {
  return types.filter((type) => !type.adminOnly && (settings.selfGrantTypes?.includes(type.type) ?? true));
}
