import KeycloakAdminClient from "@keycloak/keycloak-admin-client";
import type { AccessType } from "@keycloak/keycloak-admin-client/lib/defs/whoAmIRepresentation";
import {
  AdminClientContext,
  AdminEnvironment,
  AppContexts,
  ErrorRenderer,
  ForbiddenSection,
  Header,
  PageBreadCrumbs,
  PageNav,
  initAdminClient,
  useAccess,
  useEnvironment,
} from "@keycloak/keycloak-admin-ui";
import {
  AlertProvider,
  ErrorBoundaryFallback,
  ErrorBoundaryProvider,
  KeycloakSpinner,
  mainPageContentId,
} from "@keycloak/keycloak-ui-shared";
import { Page } from "@patternfly/react-core";
import { PropsWithChildren, Suspense, useEffect, useState } from "react";
import { Outlet, useMatches } from "react-router-dom";
import { withIotSection } from "./IotNavSection";

/**
 * Keycloak's admin console frame (App.tsx of its admin UI, from the pieces its library exports) with one
 * change: the left menu gets the IoT section. Keycloak's library exports the frame only as a whole, with no
 * way to add to its menu, hence this copy of its dozen lines.
 */
export const AdminConsoleWithIot = () => {
  const { keycloak, environment } = useEnvironment<AdminEnvironment>();
  const [adminClient, setAdminClient] = useState<KeycloakAdminClient>();

  useEffect(() => {
    initAdminClient(keycloak, environment).then(setAdminClient).catch(console.error);
  }, []);

  if (!adminClient) return <KeycloakSpinner />;
  return (
    <AdminClientContext.Provider value={{ keycloak, adminClient }}>
      <AppContexts>
        <Page
          header={<Header />}
          isManagedSidebar
          sidebar={<PageNavWithIot />}
          breadcrumb={<PageBreadCrumbs />}
          mainContainerId={mainPageContentId}
        >
          {/* Keycloak's admin library carries its own copy of keycloak-ui-shared with its own contexts; the pack's
              pages use the keycloak-ui-shared package, whose alert and error-boundary contexts are provided here. */}
          <AlertProvider>
            <ErrorBoundaryProvider>
              <ErrorBoundaryFallback fallback={ErrorRenderer}>
                <Suspense fallback={<KeycloakSpinner />}>
                  <AccessWall>
                    <Outlet />
                  </AccessWall>
                </Suspense>
              </ErrorBoundaryFallback>
            </ErrorBoundaryProvider>
          </AlertProvider>
        </Page>
      </AppContexts>
    </AdminClientContext.Provider>
  );
};

/** Keycloak's menu, rendered by Keycloak's own component, with the IoT section appended. */
const PageNavWithIot = () => withIotSection(PageNav());

/** Keycloak's AuthWall: a route's `handle.access` roles are required to see it. */
const AccessWall = ({ children }: PropsWithChildren) => {
  const { hasAccess } = useAccess();
  const needed = useMatches().flatMap(({ handle }) => {
    const access = (handle as { access?: AccessType | AccessType[] } | null | undefined)?.access;
    return access === undefined ? [] : Array.isArray(access) ? access : [access];
  });
  return hasAccess(...needed) ? children : <ForbiddenSection permissionNeeded={needed} />;
};
