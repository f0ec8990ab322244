import type { RouteObject } from "react-router-dom";
import { DevicePage } from "./devices/DevicePage";
import { MyDevices } from "./devices/MyDevices";
import { GroundPage } from "./grounds/GroundPage";
import { MyGrounds } from "./grounds/MyGrounds";
import { AccessTokens } from "./profiles/AccessTokens";
import { ProfileEditor } from "./profiles/ProfileEditor";
import { SharedWithMe } from "./share/SharedWithMe";

/** The pack's pages in the account console; their menu entries are in the `iot` theme's content.json. */
export const iotAccountRoutes: RouteObject[] = [
  { path: "iot/devices", element: <MyDevices /> },
  { path: "iot/devices/:deviceId", element: <DevicePage /> },
  { path: "iot/grounds", element: <MyGrounds /> },
  { path: "iot/grounds/:groundId", element: <GroundPage /> },
  { path: "iot/access-tokens", element: <AccessTokens /> },
  { path: "iot/access-tokens/new", element: <ProfileEditor /> },
  { path: "iot/access-tokens/:tokenId", element: <ProfileEditor /> },
  { path: "iot/shared-with-me", element: <SharedWithMe /> },
];
