import { createInstance } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";

type KeyValue = { key: string; value: string };

/**
 * Messages come from the realm's theme (`/resources/{realm}/{account|admin}/{lng}`), as in Keycloak's own
 * consoles: the pack's keys live in the `iot` theme's message bundles and a realm can override any of them
 * through its localization settings.
 */
export function themeMessages(serverBaseUrl: string, realm: string, themeType: "account" | "admin", locale?: string) {
  const i18n = createInstance({
    lng: locale,
    fallbackLng: "en",
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    backend: {
      loadPath: `${serverBaseUrl.replace(/\/$/, "")}/resources/${encodeURIComponent(realm)}/${themeType}/{{lng}}`,
      parse: (data: string) => {
        const result: Record<string, string> = {};
        (JSON.parse(data) as KeyValue[]).forEach((v) => (result[v.key] = v.value));
        return result;
      },
    },
  });
  i18n.use(FetchBackend);
  i18n.use(initReactI18next);
  return i18n;
}
