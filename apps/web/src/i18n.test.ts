import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LANGUAGES, messageKeys, messagesOf } from "./i18n.js";

const placeholdersOf = (message: string): string[] => [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("i18n messages", () => {
  it("fill every key in both languages", () => {
    for (const language of LANGUAGES) {
      for (const key of messageKeys()) expect(messagesOf(language)[key].trim(), `${language}.${key}`).not.toBe("");
    }
  });

  it("use the same placeholders in both languages", () => {
    for (const key of messageKeys()) {
      expect(placeholdersOf(messagesOf("zh-CN")[key]), key).toEqual(placeholdersOf(messagesOf("en")[key]));
    }
  });

  it("cover every key used in index.html", () => {
    const html = readFileSync(new URL("../index.html", import.meta.url), "utf8");
    const used = [...html.matchAll(/data-i18n(?:-placeholder)?="(\w+)"/g)].map((match) => match[1]);
    expect(used.length).toBeGreaterThan(10);
    for (const key of used) expect(messageKeys(), key).toContain(key);
  });
});
