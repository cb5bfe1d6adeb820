import { finfuseVitestConfig } from "@finfuse/vitest-config";

export default finfuseVitestConfig();
