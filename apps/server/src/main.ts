#!/usr/bin/env node
/**
 * Starts the FinFuse HTTP service with settings from environment variables (see
 * `loadConfig` in config.ts) and closes it gracefully on SIGINT or SIGTERM.
 */
import { buildApp } from "./app.js";
import { ConfigError, loadConfig, type ServerConfig } from "./config.js";
import { closeOnSignals } from "./shutdown.js";

/** How long a graceful close may take before the process exits anyway. */
const CLOSE_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // The logger is configured from these settings, so this one message goes to stderr directly.
    console.error(`finfuse-server: invalid configuration: ${error.message}`);
    process.exitCode = 1;
    return;
  }

  const app = buildApp(config);
  let address: string;
  try {
    address = await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    app.log.fatal({ err: error, host: config.host, port: config.port }, "failed to start the server");
    process.exitCode = 1;
    return;
  }
  app.log.info(
    { address, modelsDir: config.modelsDir, stocknetDir: config.stocknetDir ?? "none", bodyLimit: config.bodyLimit },
    `FinFuse server listening on ${address}`,
  );

  closeOnSignals(app, process, { timeoutMs: CLOSE_TIMEOUT_MS }).catch(() => {
    process.exitCode = 1;
  });
}

main().catch((error: unknown) => {
  console.error("finfuse-server: failed to start:", error);
  process.exitCode = 1;
});
