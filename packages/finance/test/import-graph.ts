/**
 * Finds `node:` imports that a source file reaches through its static relative imports,
 * so tests can prove that a module stays loadable in a browser. Dynamic `import()` calls
 * are not followed, because they load only when the code around them runs.
 */
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

const STATIC_IMPORT = /^(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm;

/** Returns `file: specifier` for every `node:` import reachable from `entry`, and the files visited. */
export async function findNodeImports(entry: string): Promise<{ nodeImports: string[]; visited: string[] }> {
  const pending = [entry];
  const visited = new Set<string>();
  const nodeImports: string[] = [];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (visited.has(file)) continue;
    visited.add(file);
    const source = await readFile(file, "utf8");
    for (const match of source.matchAll(STATIC_IMPORT)) {
      const specifier = match[1];
      if (specifier.startsWith("node:")) nodeImports.push(`${file}: ${specifier}`);
      if (specifier.startsWith(".")) pending.push(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
    }
  }
  return { nodeImports, visited: [...visited] };
}
