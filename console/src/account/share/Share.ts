import type { ShareStatus } from "./ShareStatusLabel";

/** A share of a device or ground, as its owner and its recipient see it. Times are epoch ms. */
export type Share = {
  id: string;
  resourceType: "device" | "ground";
  resourceId: string;
  resourceName: string;
  ownerName: string | null;
  email: string;
  actions: string[];
  reshareAllowed: boolean;
  status: ShareStatus;
  createdTimestamp: number;
  respondedTimestamp: number | null;
  expiresAt: number | null;
  invitationSent: boolean | null;
};

/** Shares that still grant or may come to grant access, so can be revoked or left. */
export const isLive = (share: Share) => share.status === "PENDING" || share.status === "ACCEPTED";
