/** Reads ECTSum training transcripts as an unlabelled corpus (for building vocabularies). */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { InvalidInputError } from "@finfuse/tensor";

/** Returns the lines of up to `limit` training transcripts, in file-name order. */
export async function readEctsumTrainLines(dataDir: string, limit = Infinity): Promise<string[]> {
  const folder = join(dataDir, "ectsum", "train", "ects");
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => name.endsWith(".txt")).sort();
  } catch (error) {
    throw new InvalidInputError(`cannot list ECTSum transcripts in ${folder}: ${(error as Error).message}; point --data at a folder with ectsum/train/ects/`);
  }
  const lines: string[] = [];
  for (const name of names.slice(0, limit)) {
    const text = await readFile(join(folder, name), "utf8");
    for (const line of text.split(/\r?\n/)) if (line.trim() !== "") lines.push(line);
  }
  return lines;
}
