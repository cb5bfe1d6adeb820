import { finfuseEslintConfig } from "@finfuse/eslint-config";

export default finfuseEslintConfig({ allowConsole: true });
