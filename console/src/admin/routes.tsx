import type { RouteObject } from "react-router-dom";
import { IotDevicesAdmin } from "./devices/IotDevicesAdmin";

/** The IoT section's pages: path under `/{realm}/` and the message key of their menu entry. */
export const iotAdminPages = [{ path: "iot/devices", label: "iotAdminDevices", element: <IotDevicesAdmin /> }];

export const iotAdminRoutes: RouteObject[] = iotAdminPages.map(({ path, element }) => ({
  path: `/:realm/${path}`,
  element,
  handle: { access: "view-realm" },
}));
