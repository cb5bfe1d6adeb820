/** Graceful shutdown on SIGINT and SIGTERM: stop accepting requests, finish open ones, release the models. */
import type { FastifyInstance } from "fastify";

/** The part of `process` that shutdown handling uses; tests pass a stand-in. */
export interface SignalSource {
  on(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): void;
}

export interface ShutdownOptions {
  /** How long a graceful close may take before the process exits with code 1. */
  timeoutMs: number;
}

/**
 * Closes `app` on the first SIGINT or SIGTERM. A second signal, or a close that takes
 * longer than `timeoutMs`, exits at once with code 1.
 *
 * @returns a promise that settles when the close that the first signal started has finished.
 */
export function closeOnSignals(app: FastifyInstance, source: SignalSource, options: ShutdownOptions): Promise<void> {
  return new Promise((resolveClosed, rejectClosed) => {
    let closing = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (closing) {
        app.log.warn({ signal }, "second signal received; exiting without waiting for open requests");
        source.exit(1);
        return;
      }
      closing = true;
      app.log.info({ signal }, "closing the server");
      const timer = setTimeout(() => {
        app.log.error({ timeoutMs: options.timeoutMs }, "graceful close timed out; exiting");
        source.exit(1);
      }, options.timeoutMs);
      timer.unref();
      app.close().then(
        () => {
          clearTimeout(timer);
          resolveClosed();
        },
        (error: unknown) => {
          clearTimeout(timer);
          app.log.error({ err: error }, "closing the server failed");
          rejectClosed(error);
        },
      );
    };
    source.on("SIGINT", onSignal);
    source.on("SIGTERM", onSignal);
  });
}
