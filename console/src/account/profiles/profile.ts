import type { Catalogue, ListedToken, Permission } from "../../shared/model";

export type { Catalogue, Permission, ResourceType } from "../../shared/model";

/** An access-token profile as listed (never its secret; `token` only in the answer that creates it): it always has permissions. */
export type Profile = ListedToken & { permissions: Permission[] };

export const ALL_RESOURCES = "*";

/** The types a user may put in their own profiles: not admin-only, and within the realm's self-grant list if it has one. */
export function selfGrantableTypes({ types, settings }: Catalogue) {
  return types.filter((type) => !type.adminOnly && (settings.selfGrantTypes?.includes(type.type) ?? true));
}
