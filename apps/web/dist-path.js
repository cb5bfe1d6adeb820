// Location of the built demo, for the server that serves it at "/".
import { fileURLToPath } from "node:url";

/** Absolute path of apps/web/dist, which `vite build` writes. */
export const webDistPath = fileURLToPath(new URL("./dist", import.meta.url));
