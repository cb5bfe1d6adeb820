/** ModelSource over a base URL, fetched with the browser's fetch(). */
import { ModelLoadError } from "../errors.js";
import type { ModelSource } from "./model-source.js";

export function urlModelSource(baseUrl: string): ModelSource {
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  const get = async (relativePath: string): Promise<Response> => {
    const url = new URL(relativePath, new URL(base, globalThis.location?.href)).href;
    let response: Response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw new ModelLoadError(`cannot fetch model file ${url}: ${(error as Error).message}`);
    }
    if (!response.ok) throw new ModelLoadError(`cannot fetch model file ${url}: HTTP ${response.status}; check the model URL`);
    return response;
  };
  return {
    location: base,
    readBytes: async (relativePath) => new Uint8Array(await (await get(relativePath)).arrayBuffer()),
    readText: async (relativePath) => (await get(relativePath)).text(),
    exists: async (relativePath) => {
      try {
        const response = await fetch(new URL(relativePath, new URL(base, globalThis.location?.href)).href, { method: "HEAD" });
        return response.ok;
      } catch {
        return false;
      }
    },
  };
}
