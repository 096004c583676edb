// ESLint (flat config): typescript-eslint with type information, React hooks, accessibility of JSX,
// and no import cycles. `npm run lint` allows no warnings.
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const root = fileURLToPath(new URL("..", import.meta.url));

export default tseslint.config(
  {
    ignores: [
      "build/",
      "public/build/",
      "public/assets/",
      ".build/",
      ".cache/",
      "db/data/",
      "test/results/",
      "test/report/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
  },
  {
    // app/domain and db/ are also checked with noUncheckedIndexedAccess, so lint them with the same types:
    // otherwise a non-null assertion that check needs would be reported as unnecessary.
    files: ["app/domain/**/*.ts", "db/**/*.ts"],
    languageOptions: {
      parserOptions: { projectService: false, project: `${root}test/tsconfig.indexed.json`, tsconfigRootDir: root },
    },
  },
  reactHooks.configs.flat["recommended-latest"],
  jsxA11y.flatConfigs.recommended,
  {
    plugins: { "import-x": importX },
    settings: { "import-x/resolver-next": [createTypeScriptImportResolver({ project: `${root}tsconfig.json` })] },
    rules: { "import-x/no-cycle": "error" },
  },
  {
    rules: {
      // Remix loaders and actions throw Responses (redirects, 404s) by design.
      "@typescript-eslint/only-throw-error": [
        "error",
        {
          allow: [
            { from: "lib", name: "Response" },
            { from: "package", package: "@remix-run/server-runtime", name: "TypedResponse" },
          ],
        },
      ],
      // A scrollable table or map is a focusable region so keyboard users can scroll it (WCAG 2.1.1).
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["tabpanel", "region"] }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    // Kysely's migration guide: a migration must not depend on today's schema type, so it takes Kysely<any>.
    files: ["db/migrations/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Remix's own declaration file references its types the way its template does.
    files: ["**/*.d.ts"],
    rules: { "@typescript-eslint/triple-slash-reference": "off" },
  },
  {
    // Tests read untyped JSON, YAML and CSV from responses and files, and check its shape with expect().
    files: ["test/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
);
