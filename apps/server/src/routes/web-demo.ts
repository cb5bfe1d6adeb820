/**
 * The web demo at /. Its build output folder comes from `@finfuse/web/dist-path`. When
 * that module or the built files are missing, / serves a page with build instructions.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

const WEB_DIST_MODULE = "@finfuse/web/dist-path";

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>FinFuse server</title></head>
<body>
<h1>FinFuse server</h1>
<p>The web demo is not built. Build it with <code>npx -y pnpm@10 --filter @finfuse/web build</code>
from the repository root, then restart the server.</p>
<p>The JSON API works without it: <code>GET /health</code>, <code>POST /v1/sentiment</code>,
<code>POST /v1/movement</code> and <code>GET /v1/stocknet/tickers</code>.</p>
</body>
</html>
`;

/**
 * Resolves the folder of the built demo: `configured` when given, else the `webDistPath`
 * export of @finfuse/web. Returns undefined when the folder has no index.html.
 */
export async function findWebDistDir(configured: string | undefined): Promise<string | undefined> {
  const dir = configured ?? (await importWebDistPath());
  if (dir === undefined || !existsSync(join(dir, "index.html"))) return undefined;
  return dir;
}

async function importWebDistPath(): Promise<string | undefined> {
  // The specifier is a variable so that TypeScript does not require the module, which
  // exists only once the web package is set up.
  const specifier: string = WEB_DIST_MODULE;
  try {
    const module = (await import(specifier)) as { webDistPath?: unknown };
    return typeof module.webDistPath === "string" ? module.webDistPath : undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "ERR_PACKAGE_PATH_NOT_EXPORTED") return undefined;
    throw error;
  }
}

/** Serves `webDistDir` at /, or the build instructions page when it is undefined. */
export async function registerWebDemo(app: FastifyInstance, webDistDir: string | undefined): Promise<void> {
  if (webDistDir === undefined) {
    app.get("/", async (_request, reply) => reply.type("text/html; charset=utf-8").send(NOT_BUILT_PAGE));
    return;
  }
  await app.register(fastifyStatic, { root: webDistDir, prefix: "/", decorateReply: false });
}
