/**
 * Builds a BERT-style WordPiece tokenizer.json from a corpus: lower-cased, split on
 * whitespace and punctuation, with the most frequent whole words, the most frequent
 * word-final pieces ("##ing") and every character (alone and as "##c"), so any word
 * can be spelled out. The file loads in Hugging Face tokenizers and in @huggingface/tokenizers.
 */

export const SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;

export interface VocabOptions {
  /** Total vocabulary size including special tokens and characters. */
  vocabSize: number;
  /** Words seen fewer times than this are left to sub-word pieces. */
  minWordCount?: number;
  /** Extra tokens kept whole, such as StockNet's "AT_USER" and "URL" markers (lower-cased first). */
  keepWords?: readonly string[];
}

const PUNCTUATION = /[\p{P}\p{S}]/u;

/** Splits normalised text the way BertPreTokenizer does: on whitespace, and each punctuation mark alone. */
export function preTokenize(text: string): string[] {
  const words: string[] = [];
  for (const chunk of text.toLowerCase().normalize("NFC").split(/\s+/u)) {
    let current = "";
    for (const char of chunk) {
      if (PUNCTUATION.test(char)) {
        if (current !== "") words.push(current);
        words.push(char);
        current = "";
      } else {
        current += char;
      }
    }
    if (current !== "") words.push(current);
  }
  return words;
}

function countWords(corpus: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of corpus) for (const word of preTokenize(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** Returns the vocabulary as tokens in id order. */
export function buildWordPieceVocab(corpus: Iterable<string>, options: VocabOptions): string[] {
  const counts = countWords(corpus);
  const vocab: string[] = [...SPECIAL_TOKENS];
  const seen = new Set<string>(vocab);
  const push = (token: string): void => {
    if (!seen.has(token) && vocab.length < options.vocabSize) {
      seen.add(token);
      vocab.push(token);
    }
  };
  for (const word of options.keepWords ?? []) push(word.toLowerCase());

  const charCounts = new Map<string, number>();
  for (const [word, count] of counts) for (const char of word) charCounts.set(char, (charCounts.get(char) ?? 0) + count);
  const chars = [...charCounts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([char]) => char);
  for (const char of chars) push(char);
  for (const char of chars) push(`##${char}`);

  const minCount = options.minWordCount ?? 2;
  const suffixCounts = new Map<string, number>();
  for (const [word, count] of counts) {
    for (let cut = Math.max(1, word.length - 5); cut < word.length - 1; cut++) {
      const suffix = `##${word.slice(cut)}`;
      suffixCounts.set(suffix, (suffixCounts.get(suffix) ?? 0) + count);
    }
  }
  const byCount = (a: [string, number], b: [string, number]): number => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
  const words = [...counts.entries()].filter(([, count]) => count >= minCount).sort(byCount);
  const suffixes = [...suffixCounts.entries()].filter(([, count]) => count >= minCount * 4).sort(byCount);
  // Whole words take four fifths of the remaining room, suffix pieces the rest.
  const room = options.vocabSize - vocab.length;
  const wordBudget = vocab.length + Math.floor(room * 0.8);
  for (const [word] of words) {
    if (vocab.length >= wordBudget) break;
    push(word);
  }
  for (const [suffix] of suffixes) push(suffix);
  for (const [word] of words) push(word);
  return vocab;
}

/** Serialises a vocabulary as a Hugging Face tokenizer.json for a lower-casing BERT WordPiece tokenizer. */
export function wordPieceTokenizerJson(vocab: readonly string[]): Record<string, unknown> {
  const ids = Object.fromEntries(vocab.map((token, id) => [token, id]));
  const special = (token: string): { id: string; ids: number[]; tokens: string[] } => ({ id: token, ids: [ids[token]], tokens: [token] });
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((token) => ({
      id: ids[token], content: token, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
    })),
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "[SEP]", type_id: 0 } }],
      pair: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "[SEP]", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } }, { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: { "[CLS]": special("[CLS]"), "[SEP]": special("[SEP]") },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab: ids },
  };
}

/** Returns the tokenizer_config.json that goes beside tokenizer.json. */
export function wordPieceTokenizerConfig(maxLength: number): Record<string, unknown> {
  return {
    tokenizer_class: "BertTokenizer",
    do_lower_case: true,
    model_max_length: maxLength,
    cls_token: "[CLS]", sep_token: "[SEP]", pad_token: "[PAD]", unk_token: "[UNK]", mask_token: "[MASK]",
    clean_up_tokenization_spaces: true,
  };
}
