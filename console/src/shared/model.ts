/**
 * The JSON of the pack's REST API as both consoles read it, generated from the API's OpenAPI contract at build time
 * (`npm run api-types`, openapi-typescript). Times are epoch milliseconds.
 */
import type { components } from "../../target/generated-sources/openapi";

type Schemas = components["schemas"];

/** A device; `sharedWithMe`, `ownerName` and `sharedActions` describe a device someone shares with the caller. */
export type Device = Schemas["Device"];
export type Ground = Schemas["Ground"];
/** A device, ground or profile token as listed: never its secret (`token` only in the answer that creates it). */
export type ListedToken = Schemas["Token"];
/** One grant of a token: a catalogue type, one resource id or "*" (all of them), and actions. */
export type Permission = Schemas["Permission"];
export type ResourceType = Schemas["ResourceType"];
/** `GET /catalogue`: the types and the realm's policies. */
export type Catalogue = Schemas["Catalogue"];
/** The admin API's `GET|PUT /settings`. */
export type Settings = Schemas["Settings"];
export type ImportReport = Schemas["DeviceImportReport"];
export type ImportRow = Schemas["DeviceImportRow"];
/** The body of every refusal. */
export type ErrorBody = Schemas["Error"];

export type ShareStatus = Schemas["ShareStatus"];
export const shareStatuses: ShareStatus[] = ["PENDING", "ACCEPTED", "DECLINED", "REVOKED", "EXPIRED"];

/** A share of a device or ground, as its owner, its recipient and admins see it. */
export type Share = Schemas["Share"];

/** Shares that still grant or may come to grant access, so can be revoked or left. */
export const isLive = (share: Share) => share.status === "PENDING" || share.status === "ACCEPTED";
