/** ModelSource over a local folder (Node only). */
import { access, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ModelLoadError } from "../errors.js";
import type { ModelSource } from "./model-source.js";

export function folderModelSource(folder: string): ModelSource {
  const root = resolve(folder);
  const read = async (relativePath: string): Promise<Buffer> => {
    const path = join(root, relativePath);
    try {
      return await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const hint = code === "ENOENT" ? "the file is missing; check the model folder holds config.json, tokenizer.json and onnx/" : (error as Error).message;
      throw new ModelLoadError(`cannot read model file ${path}: ${hint}`);
    }
  };
  return {
    location: root,
    readBytes: async (relativePath) => new Uint8Array(await read(relativePath)),
    readText: async (relativePath) => (await read(relativePath)).toString("utf8"),
    exists: async (relativePath) => access(join(root, relativePath)).then(() => true, () => false),
  };
}
