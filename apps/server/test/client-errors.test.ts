import { connect } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startServer, type RunningServer } from "./support/test-server.js";

/** Sends raw bytes over TCP, half-closes the socket, and returns everything the server sent back. */
function sendRaw(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let received = "";
    const socket = connect(Number(port), hostname, () => {
      socket.write(request);
      // A short pause lets the server parse the headers before the connection ends.
      setTimeout(() => socket.end(), 50);
    });
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (received += chunk));
    socket.on("close", () => resolve(received));
    socket.on("error", reject);
  });
}

function parseResponse(raw: string): { status: number; body: unknown } {
  const [head, body] = raw.split("\r\n\r\n", 2);
  return { status: Number(head.split(" ")[1]), body: JSON.parse(body) };
}

describe("requests that end early", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it("answers a body shorter than Content-Length with 400", async () => {
    const body = JSON.stringify({ texts: ["Operating profit rose to EUR 13.1 mn."] });
    const half = body.slice(0, Math.floor(body.length / 2));
    const raw = await sendRaw(
      server.url,
      `POST /v1/sentiment HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${half}`,
    );
    const response = parseResponse(raw);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: "invalid_input", message: expect.stringContaining("Content-Length") } });
  });

  it("answers a malformed request line with 400", async () => {
    const response = parseResponse(await sendRaw(server.url, "NOT HTTP AT ALL\r\n\r\n"));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: "invalid_input", message: expect.any(String) } });
  });

  it("keeps serving after both", async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
  });
});
