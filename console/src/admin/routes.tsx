import type { RouteObject } from "react-router-dom";
import { IotCatalogueAdmin } from "./catalogue/IotCatalogueAdmin";
import { IotDeviceAdmin } from "./devices/IotDeviceAdmin";
import { IotDevicesAdmin } from "./devices/IotDevicesAdmin";
import { IotImportAdmin } from "./import/IotImportAdmin";
import { IotSettingsAdmin } from "./settings/IotSettingsAdmin";
import { IotSharesAdmin } from "./shares/IotSharesAdmin";

/** The IoT section's pages: path under `/{realm}/` and the message key of their menu entry. */
export const iotAdminPages = [
  { path: "iot/devices", label: "iotAdminDevices", element: <IotDevicesAdmin /> },
  { path: "iot/import", label: "iotAdminImport", element: <IotImportAdmin /> },
  { path: "iot/shares", label: "iotAdminShares", element: <IotSharesAdmin /> },
  { path: "iot/catalogue", label: "iotAdminCatalogue", element: <IotCatalogueAdmin /> },
  { path: "iot/settings", label: "iotAdminSettings", element: <IotSettingsAdmin /> },
];

/** Pages reached from another page of the section, not from the menu. */
const iotAdminDetailPages = [{ path: "iot/devices/:deviceId", element: <IotDeviceAdmin /> }];

export const iotAdminRoutes: RouteObject[] = [...iotAdminPages, ...iotAdminDetailPages].map(({ path, element }) => ({
  path: `/:realm/${path}`,
  element,
  handle: { access: "view-realm" },
}));
