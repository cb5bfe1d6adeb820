// Shared lint rules: typescript-eslint's recommended set, no console in libraries
// (they log through an injected logger), and no type-check suppressions.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * @param {{ allowConsole?: boolean, consoleFiles?: string[] }} options
 *   allowConsole: allow console everywhere (apps); consoleFiles: globs of command-line
 *   entry points in a library whose output is the console.
 */
export function finfuseEslintConfig({ allowConsole = false, consoleFiles = [] } = {}) {
  return tseslint.config(
    { ignores: ["dist/**", "node_modules/**", "models/**"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
      rules: {
        "no-console": allowConsole ? "off" : "error",
        "@typescript-eslint/ban-ts-comment": "error",
        "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      },
    },
    ...(consoleFiles.length > 0 ? [{ files: consoleFiles, rules: { "no-console": "off" } }] : []),
  );
}
