/// <reference types="vite/client" />
declare module "keycloak-account-ui.css";
declare module "keycloak-ui-shared.css";
