/** The JSON of the pack's REST API as both consoles read it. Times are epoch milliseconds. */

/** A device; the last three describe a device someone shares with the caller (self-service list only). */
export type Device = {
  id: string;
  externalId: string | null;
  name: string;
  type: string;
  owner: string | null;
  attributes: Record<string, string> | null;
  enabled: boolean;
  createdTimestamp: number;
  sharedWithMe?: boolean;
  ownerName?: string | null;
  sharedActions?: string[] | null;
};

/** A device or ground token as listed: never its secret. */
export type ListedToken = {
  id: string;
  name: string;
  createdTimestamp: number;
  expiresAt: number | null;
  lastUsedTimestamp: number | null;
  lastUsedIp: string | null;
  /** The client that presented the token at its last use (introspection, check API, exchange). */
  lastUsedVia: string | null;
  /** Whose address lastUsedIp is: that client's own, or the holder's as a client the realm trusts reported it. */
  lastUsedIpOf: "client" | "holder" | null;
  enabled: boolean;
};

export type ShareStatus = "PENDING" | "ACCEPTED" | "DECLINED" | "REVOKED" | "EXPIRED";
export const shareStatuses: ShareStatus[] = ["PENDING", "ACCEPTED", "DECLINED", "REVOKED", "EXPIRED"];

/** A share of a device or ground, as its owner, its recipient and admins see it. */
export type Share = {
  id: string;
  resourceType: "device" | "ground";
  resourceId: string;
  resourceName: string | null;
  ownerName: string | null;
  email: string;
  actions: string[];
  reshareAllowed: boolean;
  status: ShareStatus;
  createdTimestamp: number;
  respondedTimestamp?: number | null;
  expiresAt: number | null;
  invitationSent?: boolean | null;
};

/** Shares that still grant or may come to grant access, so can be revoked or left. */
export const isLive = (share: Share) => share.status === "PENDING" || share.status === "ACCEPTED";
