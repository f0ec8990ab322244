import "@patternfly/patternfly/patternfly-addons.css";
import "@patternfly/react-core/dist/styles/base.css";
import "keycloak-ui-shared.css";
import "@keycloak/keycloak-admin-ui/styles.css";

import { AdminEnvironment, KeycloakProvider, routes } from "@keycloak/keycloak-admin-ui";
import { getInjectedEnvironment } from "@keycloak/keycloak-ui-shared";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider, createHashRouter } from "react-router-dom";
import { themeMessages } from "../shared/i18n";
import { AdminConsoleWithIot } from "./AdminConsoleWithIot";
import { iotAdminRoutes } from "./routes";

const environment = getInjectedEnvironment<AdminEnvironment>();
// The language follows the signed-in admin, as in Keycloak's console (its who-am-I context switches it).
const i18n = themeMessages(environment.serverBaseUrl, environment.realm, "admin");

// Keycloak's admin console as it is, with the pack's IoT section (its routes first: Keycloak's last route is
// the catch-all "page not found").
const router = createHashRouter([
  {
    path: "/",
    element: (
      <KeycloakProvider environment={environment}>
        <AdminConsoleWithIot />
      </KeycloakProvider>
    ),
    children: [...iotAdminRoutes, ...routes],
  },
]);

await i18n.init();

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
