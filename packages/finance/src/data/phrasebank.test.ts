import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { InvalidInputError } from "@finfuse/tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { findNodeImports } from "../../test/import-graph.js";
import { makeScratchDir, sharedDataDir } from "../../test/shared-data.js";
import {
  decodePhrasebank,
  dedupePhrasebank,
  parsePhrasebank,
  PHRASEBANK_AGREEMENTS,
  readPhrasebank,
  SENTIMENT_LABELS,
  splitPhrasebank,
  type PhrasebankAgreement,
  type PhrasebankRow,
  type SentimentLabel,
} from "./phrasebank.js";

const phrasebankDir = (): string => join(sharedDataDir(), "financial-phrasebank");

function countLabels(rows: readonly PhrasebankRow[]): Record<SentimentLabel, number> {
  const counts = { positive: 0, negative: 0, neutral: 0 };
  for (const row of rows) counts[row.label]++;
  return counts;
}

describe("readPhrasebank on the release", () => {
  const expected: Record<PhrasebankAgreement, { rows: number; duplicates: number; conflicts: number }> = {
    "50": { rows: 4846, duplicates: 6, conflicts: 4 },
    "66": { rows: 4217, duplicates: 6, conflicts: 0 },
    "75": { rows: 3453, duplicates: 5, conflicts: 0 },
    All: { rows: 2263, duplicates: 5, conflicts: 0 },
  };

  for (const agreement of PHRASEBANK_AGREEMENTS) {
    const counts = expected[agreement];
    it(`reads ${agreement}Agree with measured duplicate counts`, async () => {
      const result = await readPhrasebank(phrasebankDir(), agreement);
      expect(result.encoding).toBe("latin1");
      expect(result.rows).toHaveLength(counts.rows);

      const deduped = dedupePhrasebank(result.rows);
      expect(deduped.removedDuplicates).toBe(counts.duplicates);
      expect(deduped.removedConflicts).toBe(counts.conflicts);
      expect(deduped.rows).toHaveLength(counts.rows - counts.duplicates - counts.conflicts);
    });
  }

  it("counts 50Agree labels as documented", async () => {
    const { rows } = await readPhrasebank(phrasebankDir(), "50");
    expect(countLabels(rows)).toEqual({ positive: 1363, negative: 604, neutral: 2879 });
  });

  it("finds 2 conflicting sentences in 50Agree", async () => {
    const { rows } = await readPhrasebank(phrasebankDir(), "50");
    const { conflictingTexts } = dedupePhrasebank(rows);
    expect(conflictingTexts).toHaveLength(2);
    expect(conflictingTexts[0]).toMatch(/^TELECOMWORLDWIRE-7 April 2006-TJ Group Plc sells stake/);
  });

  it("reports the stray line of AllAgree", async () => {
    const { skipped } = await readPhrasebank(phrasebankDir(), "All");
    expect(skipped).toEqual([{ line: 38, content: "1", reason: 'missing "@" before the label' }]);
  });

  it("keeps the release's mis-decoded names", async () => {
    const { rows } = await readPhrasebank(phrasebankDir(), "All");
    expect(rows.some((row) => row.text.startsWith("Clothing retail chain Sepp+\u00f1l+\u00f1 's sales"))).toBe(true);
  });
});

describe("readPhrasebank on own files", () => {
  let scratch: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    scratch = await makeScratchDir("phrasebank");
  });
  afterAll(() => scratch.remove());

  it("reports malformed lines", async () => {
    const lines = ["Sales rose .@positive", "no label here", "Odd label .@great", "@negative", "Mail a@b.com now .@neutral", ""];
    await writeFile(join(scratch.dir, "Sentences_75Agree.txt"), lines.join("\r\n"), "latin1");
    const result = await readPhrasebank(scratch.dir, "75");
    expect(result.rows).toEqual([
      { text: "Sales rose .", label: "positive" },
      { text: "Mail a@b.com now .", label: "neutral" },
    ]);
    expect(result.skipped.map((skip) => skip.line)).toEqual([2, 3, 4]);
    expect(result.skipped[1].reason).toBe('label "great" is not one of positive, negative, neutral');
    expect(result.skipped[2].reason).toBe("empty sentence before the label");
  });

  it("decodes Latin-1 bytes", async () => {
    await writeFile(join(scratch.dir, "Sentences_66Agree.txt"), Buffer.from("Caf\xe9 sales fell .@negative\n", "latin1"));
    const result = await readPhrasebank(scratch.dir, "66");
    expect(result.encoding).toBe("latin1");
    expect(result.rows[0].text).toBe("Café sales fell .");
  });

  it("decodes a UTF-8 copy", async () => {
    await writeFile(join(scratch.dir, "Sentences_AllAgree.txt"), "\uFEFFCafé Åland sales rose .@positive\n", "utf8");
    const result = await readPhrasebank(scratch.dir, "All");
    expect(result.encoding).toBe("utf-8");
    expect(result.rows[0].text).toBe("Café Åland sales rose .");
  });

  it("names the path of a missing file", async () => {
    const reading = readPhrasebank(join(scratch.dir, "absent"), "50");
    await expect(reading).rejects.toBeInstanceOf(InvalidInputError);
    await expect(reading).rejects.toThrow(join(scratch.dir, "absent", "Sentences_50Agree.txt"));
    await expect(reading).rejects.toThrow("Download Financial PhraseBank v1.0");
  });
});

describe("decodePhrasebank", () => {
  it("reads ASCII as Latin-1", () => {
    expect(decodePhrasebank(new TextEncoder().encode("a@neutral"))).toEqual({ text: "a@neutral", encoding: "latin1" });
  });

  it("reads an invalid UTF-8 sequence as Latin-1", () => {
    expect(decodePhrasebank(Uint8Array.from([0x53, 0xf1, 0x6c]))).toEqual({ text: "Sñl", encoding: "latin1" });
  });
});

describe("phrasebank module", () => {
  it("imports no Node built-ins statically", async () => {
    const { nodeImports } = await findNodeImports(fileURLToPath(new URL("./phrasebank.ts", import.meta.url)));
    expect(nodeImports).toEqual([]);
  });
});

describe("parsePhrasebank", () => {
  it("splits at the last @", () => {
    expect(parsePhrasebank("x @ y@negative").rows).toEqual([{ text: "x @ y", label: "negative" }]);
  });
});

describe("dedupePhrasebank", () => {
  it("keeps the first of equal copies", () => {
    const rows: PhrasebankRow[] = [
      { text: "A rose .", label: "positive" },
      { text: "B fell .", label: "negative" },
      { text: " A rose . ", label: "positive" },
    ];
    const result = dedupePhrasebank(rows);
    expect(result.rows).toEqual(rows.slice(0, 2));
    expect(result.removedDuplicates).toBe(1);
    expect(result.removedConflicts).toBe(0);
  });

  it("drops every copy of a conflict", () => {
    const rows: PhrasebankRow[] = [
      { text: "A rose .", label: "positive" },
      { text: "C held .", label: "neutral" },
      { text: "A rose .", label: "neutral" },
      { text: "A rose .", label: "positive" },
    ];
    const result = dedupePhrasebank(rows);
    expect(result.rows).toEqual([rows[1]]);
    expect(result.removedDuplicates).toBe(0);
    expect(result.removedConflicts).toBe(3);
    expect(result.conflictingTexts).toEqual(["A rose ."]);
  });
});

describe("splitPhrasebank", () => {
  let rows: PhrasebankRow[];
  beforeAll(async () => {
    rows = dedupePhrasebank((await readPhrasebank(phrasebankDir(), "50")).rows).rows;
  });

  it("gives measured sizes on 50Agree", () => {
    const { train, dev, test } = splitPhrasebank(rows);
    expect([train.length, dev.length, test.length]).toEqual([3095, 774, 967]);
    expect(countLabels(test)).toEqual({ positive: 272, negative: 121, neutral: 574 });
    expect(countLabels(dev)).toEqual({ positive: 218, negative: 97, neutral: 459 });
  });

  it("stratifies every label", () => {
    const all = countLabels(rows);
    const { test } = splitPhrasebank(rows);
    const testCounts = countLabels(test);
    for (const label of SENTIMENT_LABELS) {
      expect(Math.abs(testCounts[label] - all[label] * 0.2)).toBeLessThanOrEqual(0.5);
    }
  });

  it("puts no sentence in two splits", () => {
    const { train, dev, test } = splitPhrasebank(rows);
    const texts = [...train, ...dev, ...test].map((row) => row.text);
    expect(new Set(texts).size).toBe(rows.length);
    expect(texts).toHaveLength(rows.length);
  });

  it("repeats for the same seed", () => {
    expect(splitPhrasebank(rows, 3)).toEqual(splitPhrasebank(rows, 3));
    expect(splitPhrasebank(rows, 3).test).not.toEqual(splitPhrasebank(rows, 4).test);
  });

  it("rejects duplicated sentences", () => {
    const duplicated: PhrasebankRow[] = [
      { text: "A rose .", label: "positive" },
      { text: "A rose .", label: "positive" },
    ];
    expect(() => splitPhrasebank(duplicated)).toThrow(/occurs more than once.*dedupePhrasebank/);
  });
});
