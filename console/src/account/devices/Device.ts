/** A device as the self-service API shows it; the last three describe a device someone shares with the caller. */
export type Device = {
  id: string;
  externalId: string | null;
  name: string;
  type: string;
  owner: string | null;
  enabled: boolean;
  createdTimestamp: number;
  sharedWithMe: boolean;
  ownerName: string | null;
  sharedActions: string[] | null;
};
