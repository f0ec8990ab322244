export type { Catalogue, ResourceType } from "../../shared/model";

/** Types the pack itself needs; the server refuses to remove them. */
export const builtInTypes = ["device", "ground"];
