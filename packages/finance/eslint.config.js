import { finfuseEslintConfig } from "@finfuse/eslint-config";

// The CLI and the training script write their results to the console.
export default finfuseEslintConfig({ consoleFiles: ["src/cli/**", "src/train/train-default.ts"] });
