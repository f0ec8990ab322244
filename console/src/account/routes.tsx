import type { RouteObject } from "react-router-dom";
import { MyDevices } from "./devices/MyDevices";

/** The pack's pages in the account console; their menu entries are in the `iot` theme's content.json. */
export const iotAccountRoutes: RouteObject[] = [{ path: "iot/devices", element: <MyDevices /> }];
