import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { findNodeImports } from "../../test/import-graph.js";

describe("metrics index", () => {
  it("imports no Node built-ins", async () => {
    const { nodeImports, visited } = await findNodeImports(fileURLToPath(new URL("./index.ts", import.meta.url)));
    expect(nodeImports).toEqual([]);
    expect(visited).toHaveLength(3);
  });
});
