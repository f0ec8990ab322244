import { useRealm } from "@keycloak/keycloak-admin-ui";
import { NavGroup } from "@patternfly/react-core";
import { Children, ReactElement, ReactNode, cloneElement, isValidElement } from "react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";
import { iotAdminPages } from "./routes";

/**
 * Appends the IoT section to the element tree Keycloak's PageNav returns
 * (PageSidebar > PageSidebarBody > Nav > [title, groups...]). Should that shape change in a later Keycloak,
 * the section is put after the menu instead of inside it, so it never disappears.
 */
export function withIotSection(stockNav: ReactElement): ReactElement {
  const section = <IotNavGroup key="iot" />;
  const body = onlyChild(stockNav);
  const nav = body && onlyChild(body);
  if (!body || !nav) return <>{stockNav}{section}</>;
  return cloneElement(stockNav, {}, cloneElement(body, {}, cloneElement(nav, {}, ...Children.toArray(childrenOf(nav)), section)));
}

function childrenOf(element: ReactElement): ReactNode {
  return (element.props as { children?: ReactNode }).children;
}

function onlyChild(element: ReactElement): ReactElement | undefined {
  const children = childrenOf(element);
  return isValidElement(children) ? children : undefined;
}

const IotNavGroup = () => {
  const { t } = useTranslation();
  const { realm } = useRealm();
  return (
    <NavGroup title={t("iotSection")} aria-label={t("iotSection")}>
      {iotAdminPages.map(({ path, label }) => (
        // The markup of Keycloak's own menu links (LeftNav), so the entries look and behave alike.
        <li key={path}>
          <NavLink
            id={`nav-item-${path.replace("/", "-")}`}
            data-testid={`nav-item-${path.replace("/", "-")}`}
            to={`/${encodeURIComponent(realm)}/${path}`}
            className={({ isActive }) => `pf-v5-c-nav__link${isActive ? " pf-m-current" : ""}`}
          >
            {t(label)}
          </NavLink>
        </li>
      ))}
    </NavGroup>
  );
};
