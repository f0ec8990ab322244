import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const packageFile = (path: string) => fileURLToPath(new URL(`node_modules/${path}`, import.meta.url));

// Two builds from one code base: IOT_CONSOLE=account (the account console) and IOT_CONSOLE=admin (the admin
// console). Each lands in the `iot` theme's resources of that type; Keycloak reads the Vite manifest to
// find the entry script, and React comes from Keycloak's own import map, as in its stock consoles.
const consoleType = process.env.IOT_CONSOLE ?? "account";

export default defineConfig({
  base: "",
  esbuild: { jsx: "automatic" },
  resolve: {
    // The styles of Keycloak's UI libraries, which their package.json files do not all export.
    alias: {
      "keycloak-account-ui.css": packageFile("@keycloak/keycloak-account-ui/lib/keycloak-account-ui.css"),
      "keycloak-ui-shared.css": packageFile("@keycloak/keycloak-ui-shared/dist/main.css"),
    },
  },
  build: {
    outDir: `target/dist/theme/iot/${consoleType}/resources`,
    emptyOutDir: true,
    manifest: true,
    target: "es2022",
    chunkSizeWarningLimit: 8000,
    rollupOptions: {
      input: `src/${consoleType}/main.tsx`,
      external: ["react", "react/jsx-runtime", "react-dom"],
      // One script: Keycloak's index.ftl preloads the manifest's imports by their keys, not their file names.
      output: { inlineDynamicImports: true },
    },
  },
});
