/**
 * Builds the FinFuse HTTP service as a fastify instance that has not started listening:
 * `main.ts` starts it from environment variables, and tests start it on a free port.
 */
import Fastify, { type FastifyInstance } from "fastify";

import type { ServerConfig } from "./config.js";
import { createClientErrorHandler, registerErrorHandlers } from "./errors.js";
import { createModelRegistry } from "./models/model-registry.js";
import { registerHealthRoute } from "./routes/health.js";
import { registerMovementRoute } from "./routes/movement.js";
import { registerSentimentRoute } from "./routes/sentiment.js";
import { registerStaticFiles } from "./routes/static-files.js";
import { registerStocknetRoutes } from "./routes/stocknet.js";
import { findWebDistDir, registerWebDemo } from "./routes/web-demo.js";
import { formatSchemaErrors } from "./schemas/format-schema-errors.js";
import { StocknetStore } from "./stocknet/stocknet-store.js";

/**
 * Creates the service. Models load on the first request that needs them, and closing the
 * instance releases their sessions.
 *
 * @example
 * const app = buildApp({ ...loadConfig({}), logLevel: "silent" });
 * await app.listen({ host: "127.0.0.1", port: 0 });
 */
export function buildApp(config: ServerConfig): FastifyInstance {
  // The client error handler runs outside any request, so it reaches the logger through
  // the instance, which exists only after Fastify() returns.
  const logger = (): FastifyInstance["log"] => app.log;
  const app: FastifyInstance = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    schemaErrorFormatter: formatSchemaErrors,
    clientErrorHandler: createClientErrorHandler(logger),
    // Fastify would reject requests that arrive while closing with its own 503 body.
    // Serving them instead keeps one error shape, and close() waits for them.
    return503OnClosing: false,
    ajv: {
      // Fastify's defaults coerce types ("5" to 5, a string to a one-item array) and drop
      // unknown properties; this API rejects both with a 400 instead. `verbose` adds the
      // failing schema to each error, so messages can quote its description.
      customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false, verbose: true },
    },
  });
  registerErrorHandlers(app, { bodyLimit: config.bodyLimit });
  // Every route takes JSON, so plain text gets the same 415 as any other non-JSON type
  // instead of reaching the schema as a string.
  app.removeContentTypeParser("text/plain");

  const models = createModelRegistry(config.modelsDir, app.log);
  if (config.preloadModels === true) {
    // Not awaited: the server serves requests while the models load. The slot logs a
    // failure and /health shows it; the next request retries the load.
    app.addHook("onListen", async () => {
      for (const slot of [models.sentiment, models.movement]) slot.get().catch(() => undefined);
    });
  }
  const stocknet = config.stocknetDir === undefined ? undefined : new StocknetStore(config.stocknetDir);

  // close() ends idle keep-alive connections only, so a connection that is busy when the
  // close starts would stay open until its keep-alive timeout (72 s in fastify 5). Asking
  // the client to close it with the response lets close() finish once responses are sent.
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });

  // Cross-origin isolation lets the demo page use SharedArrayBuffer, which
  // onnxruntime-web needs for multi-threaded WebAssembly. Every resource comes from this
  // origin, so the policies block nothing the demo loads.
  app.addHook("onSend", async (_request, reply) => {
    reply.header("Cross-Origin-Opener-Policy", "same-origin");
    reply.header("Cross-Origin-Embedder-Policy", "require-corp");
    if (closing) reply.header("Connection", "close");
  });

  registerHealthRoute(app, models, stocknet);
  registerSentimentRoute(app, models);
  registerMovementRoute(app, models);
  registerStocknetRoutes(app, stocknet);

  app.register(async (scope) => {
    await registerStaticFiles(scope, config.modelsDir);
    const webDistDir = await findWebDistDir(config.webDistDir);
    if (webDistDir === undefined) scope.log.warn("the web demo is not built; / serves a page with build instructions");
    else scope.log.info({ webDistDir }, "serving the web demo");
    await registerWebDemo(scope, webDistDir);
  });

  app.addHook("onClose", async () => {
    await models.dispose();
    app.log.info("server stopped");
  });
  return app;
}
