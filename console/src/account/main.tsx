import "@patternfly/patternfly/patternfly-addons.css";
import "@patternfly/react-core/dist/styles/base.css";
import "keycloak-ui-shared.css";
import "keycloak-account-ui.css";

import { Header, KeycloakProvider, PageNav, routes } from "@keycloak/keycloak-account-ui";
import { AccountEnvironment } from "@keycloak/keycloak-account-ui";
import { AlertProvider, ErrorBoundaryProvider, ErrorPage, getInjectedEnvironment } from "@keycloak/keycloak-ui-shared";
import { Page, Spinner } from "@patternfly/react-core";
import { StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { Outlet, RouterProvider, createBrowserRouter } from "react-router-dom";
import { themeMessages } from "../shared/i18n";
import { iotAccountRoutes } from "./routes";

const environment = getInjectedEnvironment<AccountEnvironment>();
const i18n = themeMessages(environment.serverBaseUrl, environment.realm, "account", environment.locale);

/**
 * Keycloak's account console frame (masthead, the menu from the theme's content.json) around every page,
 * plus the error boundary the shared data table of Keycloak's UI library reports to, and that library's
 * alerts (the account console bundles its own copy of the library, whose alert context the pack's pages
 * cannot reach).
 */
const AccountRoot = () => (
  <ErrorBoundaryProvider>
    <AlertProvider>
      <Page header={<Header />} sidebar={<PageNav />} isManagedSidebar>
        <Suspense fallback={<Spinner />}>
          <Outlet />
        </Suspense>
      </Page>
    </AlertProvider>
  </ErrorBoundaryProvider>
);

// Keycloak's own pages stay as they are; the pack's pages join them under the same console.
const router = createBrowserRouter([
  {
    path: decodeURIComponent(new URL(environment.baseUrl).pathname),
    element: <AccountRoot />,
    errorElement: <ErrorPage />,
    children: [...routes, ...iotAccountRoutes],
  },
]);

await i18n.init();

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <KeycloakProvider environment={environment}>
      <RouterProvider router={router} />
    </KeycloakProvider>
  </StrictMode>,
);
