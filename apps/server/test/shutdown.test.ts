import { EventEmitter } from "node:events";

import { afterEach, describe, expect, it } from "vitest";

import { closeOnSignals, type SignalSource } from "../src/shutdown.js";
import { postJson, startServer, type RunningServer } from "./support/test-server.js";

/** Stands in for `process`: signals are emitted by the test, and exit() is recorded. */
class FakeProcess extends EventEmitter implements SignalSource {
  readonly exitCodes: number[] = [];
  exit(code: number): void {
    this.exitCodes.push(code);
  }
}

describe("closeOnSignals", () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`closes the server on ${signal}`, async () => {
      server = await startServer();
      const fake = new FakeProcess();
      const closed = closeOnSignals(server.app, fake, { timeoutMs: 5_000 });
      expect((await fetch(`${server.url}/health`)).status).toBe(200);

      fake.emit(signal, signal);
      await closed;
      await expect(fetch(`${server.url}/health`)).rejects.toThrow();
      expect(fake.exitCodes).toEqual([]);
    });
  }

  it("lets an open request finish", async () => {
    server = await startServer();
    const fake = new FakeProcess();
    const closed = closeOnSignals(server.app, fake, { timeoutMs: 5_000 });
    const window = await (await fetch(`${server.url}/v1/stocknet/AAPL/2015-11-02`)).json();

    // The first movement request loads the model, which keeps it open while the signal arrives.
    const pending = postJson(`${server.url}/v1/movement`, window);
    await new Promise((resolve) => setTimeout(resolve, 20));
    fake.emit("SIGTERM", "SIGTERM");
    const response = await pending;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { label: string }).label).toMatch(/^(up|down)$/);
    await closed;
  });

  it("exits at once on a second signal", async () => {
    server = await startServer();
    const fake = new FakeProcess();
    const closed = closeOnSignals(server.app, fake, { timeoutMs: 5_000 });
    fake.emit("SIGTERM", "SIGTERM");
    fake.emit("SIGINT", "SIGINT");
    expect(fake.exitCodes).toEqual([1]);
    await closed;
  });
});
