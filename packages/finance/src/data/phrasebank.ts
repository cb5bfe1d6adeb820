/**
 * Loader, de-duplication and splits for the Financial PhraseBank v1.0 (Malo, Sinha,
 * Korhonen, Wallenius and Takala, 2014, "Good debt or bad debt: Detecting semantic
 * orientations in economic texts", JASIST 65(4)). Licence CC BY-NC-SA 3.0.
 *
 * Everything except `readPhrasebank` runs in the browser too. That function loads
 * `node:fs` lazily, so importing this module does not pull Node built-ins into a bundle.
 */
import { createRng, InvalidInputError } from "@finfuse/tensor";
import { SENTIMENT_LABELS, type SentimentLabel } from "../sentiment/labels.js";

export { SENTIMENT_LABELS, type SentimentLabel };

import { hasErrorCode } from "./node-error.js";



/** Agreement levels of the release, one file each: more than 50%, 66% or 75% of annotators, or all of them. */
export const PHRASEBANK_AGREEMENTS = ["50", "66", "75", "All"] as const;

/** Agreement level that selects one file of the release. */
export type PhrasebankAgreement = (typeof PHRASEBANK_AGREEMENTS)[number];

/** Labelled sentence. */
export interface PhrasebankRow {
  text: string;
  label: SentimentLabel;
}

/** Line that the parser skipped, with the reason, so that no line vanishes unnoticed. */
export interface SkippedLine {
  /** 1-based line number. */
  line: number;
  content: string;
  reason: string;
}

/** Text encoding that `decodePhrasebank` chose. */
export type PhrasebankEncoding = "latin1" | "utf-8";

/** Output of `parsePhrasebank`. */
export interface PhrasebankParseResult {
  rows: PhrasebankRow[];
  skipped: SkippedLine[];
}

/** Output of `readPhrasebank`. */
export interface PhrasebankReadResult extends PhrasebankParseResult {
  /** Path of the file that was read. */
  path: string;
  encoding: PhrasebankEncoding;
}

/** Output of `dedupePhrasebank`. */
export interface PhrasebankDedupeResult {
  rows: PhrasebankRow[];
  /** Rows dropped as extra copies of a sentence whose copies all share one label. */
  removedDuplicates: number;
  /** Rows dropped because copies of their sentence carry different labels. */
  removedConflicts: number;
  /** Trimmed text of each sentence dropped for conflicting labels. */
  conflictingTexts: string[];
}

/** Output of `splitPhrasebank`. */
export interface PhrasebankSplits {
  train: PhrasebankRow[];
  /** Validation rows. */
  dev: PhrasebankRow[];
  test: PhrasebankRow[];
}

/** Share of all rows held out as test (FinBERT protocol, Araci 2019). */
export const PHRASEBANK_TEST_FRACTION = 0.2;
/** Share of the non-test rows held out as dev (FinBERT protocol, Araci 2019). */
export const PHRASEBANK_DEV_FRACTION = 0.2;

const DOWNLOAD_HINT =
  "Download Financial PhraseBank v1.0 (FinancialPhraseBank-v1.0.zip, for example from the " +
  "Hugging Face data set takala/financial_phrasebank), unzip it and pass the folder that " +
  "contains the Sentences_*Agree.txt files.";

/** Returns the file name of an agreement level, such as `Sentences_50Agree.txt`. */
export function phrasebankFileName(agreement: PhrasebankAgreement): string {
  return `Sentences_${agreement}Agree.txt`;
}

/**
 * Decodes the bytes of a PhraseBank file. The release is ISO-8859-1, but a re-saved copy
 * may be UTF-8. The bytes are read as UTF-8 when they contain a non-ASCII byte and form
 * valid UTF-8 throughout, because Latin-1 text almost never does. Otherwise they are read
 * as Latin-1. A UTF-8 byte order mark is dropped.
 *
 * NOTE: TextDecoder("latin1") is windows-1252 under the WHATWG Encoding Standard. It
 * differs from ISO-8859-1 only in bytes 0x80 to 0x9F, which the release does not contain.
 */
export function decodePhrasebank(bytes: Uint8Array): { text: string; encoding: PhrasebankEncoding } {
  if (bytes.some((byte) => byte >= 0x80)) {
    try {
      const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
      return { text, encoding: "utf-8" };
    } catch {
      // Not valid UTF-8, so fall through to Latin-1.
    }
  }
  return { text: new TextDecoder("latin1").decode(bytes), encoding: "latin1" };
}

/**
 * Parses `sentence@label` lines. The label follows the last `@`, because some sentences
 * contain `@` themselves. Lines without a valid label are returned in `skipped`. Blank
 * lines carry no data and are ignored without a report.
 */
export function parsePhrasebank(text: string): PhrasebankParseResult {
  const rows: PhrasebankRow[] = [];
  const skipped: SkippedLine[] = [];
  const lines = text.split(/\r?\n/);

  lines.forEach((content, index) => {
    if (content.trim() === "") return;
    const line = index + 1;
    const separator = content.lastIndexOf("@");
    if (separator < 0) {
      skipped.push({ line, content, reason: 'missing "@" before the label' });
      return;
    }
    const sentence = content.slice(0, separator).trim();
    const label = content.slice(separator + 1).trim();
    if (!isSentimentLabel(label)) {
      skipped.push({ line, content, reason: `label "${label}" is not one of ${SENTIMENT_LABELS.join(", ")}` });
      return;
    }
    if (sentence === "") {
      skipped.push({ line, content, reason: "empty sentence before the label" });
      return;
    }
    rows.push({ text: sentence, label });
  });
  return { rows, skipped };
}

/** Returns true when `value` is one of `SENTIMENT_LABELS`. */
export function isSentimentLabel(value: string): value is SentimentLabel {
  return (SENTIMENT_LABELS as readonly string[]).includes(value);
}

/**
 * Reads `Sentences_${agreement}Agree.txt` from `dir` (Node only). See `decodePhrasebank`
 * for the encoding rule and `parsePhrasebank` for the line format.
 *
 * @throws InvalidInputError when the file is missing, with the path and where to get the data set.
 * @example
 * const { rows, skipped } = await readPhrasebank("data/financial-phrasebank", "50");
 */
export async function readPhrasebank(dir: string, agreement: PhrasebankAgreement): Promise<PhrasebankReadResult> {
  if (!(PHRASEBANK_AGREEMENTS as readonly string[]).includes(agreement)) {
    throw new InvalidInputError(
      `readPhrasebank: agreement must be one of ${PHRASEBANK_AGREEMENTS.join(", ")}, received "${agreement}"`,
    );
  }
  const { readFile } = await import("node:fs/promises");
  const { join } = await import("node:path");
  const path = join(dir, phrasebankFileName(agreement));

  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (hasErrorCode(error, "ENOENT")) {
      throw new InvalidInputError(`readPhrasebank: file not found: ${path}. ${DOWNLOAD_HINT}`, { cause: error });
    }
    throw error;
  }
  const { text, encoding } = decodePhrasebank(bytes);
  return { ...parsePhrasebank(text), path, encoding };
}

/**
 * Removes repeated sentences, comparing trimmed text exactly. A sentence whose copies all
 * share one label keeps its first copy. A sentence whose copies disagree is dropped
 * entirely, because neither label can be trusted. Row order is otherwise kept.
 */
export function dedupePhrasebank(rows: readonly PhrasebankRow[]): PhrasebankDedupeResult {
  const labelsByText = new Map<string, Set<SentimentLabel>>();
  for (const row of rows) {
    const key = row.text.trim();
    const labels = labelsByText.get(key) ?? new Set<SentimentLabel>();
    labels.add(row.label);
    labelsByText.set(key, labels);
  }

  const kept: PhrasebankRow[] = [];
  const seen = new Set<string>();
  let removedDuplicates = 0;
  let removedConflicts = 0;
  for (const row of rows) {
    const key = row.text.trim();
    if (labelsByText.get(key)!.size > 1) {
      removedConflicts++;
    } else if (seen.has(key)) {
      removedDuplicates++;
    } else {
      seen.add(key);
      kept.push(row);
    }
  }
  const conflictingTexts = [...labelsByText].filter(([, labels]) => labels.size > 1).map(([text]) => text);
  return { rows: kept, removedDuplicates, removedConflicts, conflictingTexts };
}

/**
 * Splits rows into train, dev and test by the FinBERT protocol (Araci, 2019): 20% of
 * each label's rows go to test, then 20% of the rest to dev. Rows are shuffled with a
 * seeded generator, so the same rows and seed always give the same split. The returned
 * arrays are new, but they share the row objects of the input.
 *
 * @throws InvalidInputError if a sentence occurs twice. Call `dedupePhrasebank` first,
 *   because a repeated sentence could land in both train and test.
 * @example
 * const { train, dev, test } = splitPhrasebank(dedupePhrasebank(rows).rows);
 */
export function splitPhrasebank(rows: readonly PhrasebankRow[], seed = 42): PhrasebankSplits {
  const texts = new Set<string>();
  for (const row of rows) {
    const key = row.text.trim();
    if (texts.has(key)) {
      throw new InvalidInputError(
        `splitPhrasebank: the sentence "${key}" occurs more than once. ` +
          "Call dedupePhrasebank first so that no sentence lands in two splits.",
      );
    }
    texts.add(key);
  }

  const rng = createRng(seed);
  const splits: PhrasebankSplits = { train: [], dev: [], test: [] };
  for (const label of SENTIMENT_LABELS) {
    const group = rng.shuffle(rows.filter((row) => row.label === label));
    const testSize = Math.round(group.length * PHRASEBANK_TEST_FRACTION);
    const devSize = Math.round((group.length - testSize) * PHRASEBANK_DEV_FRACTION);
    splits.test.push(...group.slice(0, testSize));
    splits.dev.push(...group.slice(testSize, testSize + devSize));
    splits.train.push(...group.slice(testSize + devSize));
  }
  // Mix the labels, which the loop above appended one after another.
  rng.shuffle(splits.train);
  rng.shuffle(splits.dev);
  rng.shuffle(splits.test);
  return splits;
}
