/** A resource type of the realm's permission catalogue (`GET /catalogue`). */
export type ResourceType = {
  type: string;
  description: string | null;
  actions: string[];
  deviceActions: string[];
  adminOnly: boolean;
};

/** The admin API's `GET /catalogue`: the types and the realm's policies. */
export type Catalogue = { types: ResourceType[] };

/** Types the pack itself needs; the server refuses to remove them. */
export const builtInTypes = ["device", "ground"];
