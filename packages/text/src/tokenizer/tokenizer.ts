/**
 * Batch tokenisation on top of @huggingface/tokenizers: reads a model folder's
 * tokenizer.json (and tokenizer_config.json when present), truncates to a maximum length
 * keeping the final [SEP], and pads a batch to its longest row.
 */
import { Tokenizer as HfTokenizer } from "@huggingface/tokenizers";
import { InvalidInputError, ModelLoadError, readModelJson, type ModelSource } from "@finfuse/tensor";

export interface EncodedBatch {
  /** Row-major [batch, sequence] token ids. */
  inputIds: number[];
  /** 1 for real tokens, 0 for padding, same layout as inputIds. */
  attentionMask: number[];
  dims: [number, number];
  /** Token strings per row, without padding, for explanations. */
  tokens: string[][];
}

export interface EncodeOptions {
  /** Rows longer than this are truncated (the last token, usually [SEP], is kept). */
  maxLength: number;
}

/** Longest text accepted, in characters; longer input is a caller error, not silently cut. */
export const MAX_TEXT_CHARS = 100_000;

export class TextTokenizer {
  constructor(
    private readonly tokenizer: HfTokenizer,
    readonly padTokenId: number,
    readonly modelMaxLength: number,
  ) {}

  /** Loads tokenizer.json and tokenizer_config.json from a model folder. */
  static async load(source: ModelSource): Promise<TextTokenizer> {
    const json = await readModelJson(source, "tokenizer.json");
    const config = (await source.exists("tokenizer_config.json")) ? await readModelJson(source, "tokenizer_config.json") : {};
    return TextTokenizer.fromJson(json, config, `${source.location}/tokenizer.json`);
  }

  /** Builds a tokenizer from parsed tokenizer.json and tokenizer_config.json objects. */
  static fromJson(json: Record<string, unknown>, config: Record<string, unknown>, where = "tokenizer.json"): TextTokenizer {
    let tokenizer: HfTokenizer;
    try {
      tokenizer = new HfTokenizer(json, config);
    } catch (error) {
      throw new ModelLoadError(`${where}: not a usable tokenizer (${(error as Error).message})`);
    }
    const padToken = typeof config.pad_token === "string" ? config.pad_token : "[PAD]";
    const padTokenId = tokenizer.token_to_id(padToken) ?? 0;
    const declared = Number(config.model_max_length);
    const modelMaxLength = Number.isFinite(declared) && declared > 0 && declared < 1e6 ? declared : 512;
    return new TextTokenizer(tokenizer, padTokenId, modelMaxLength);
  }

  /** Returns the id of a token, or undefined. */
  tokenId(token: string): number | undefined {
    return this.tokenizer.token_to_id(token);
  }

  /** Encodes one text into ids and token strings, truncated to `maxLength`. */
  encode(text: string, maxLength: number): { ids: number[]; tokens: string[] } {
    if (typeof text !== "string") throw new InvalidInputError(`tokenize: expected a string, received ${typeof text}`);
    if (text.length > MAX_TEXT_CHARS) {
      throw new InvalidInputError(`tokenize: text of ${text.length} characters is over the limit of ${MAX_TEXT_CHARS}; split it into smaller texts`);
    }
    const encoding = this.tokenizer.encode(text);
    let ids = encoding.ids.map(Number);
    let tokens = [...encoding.tokens];
    if (ids.length > maxLength) {
      ids = [...ids.slice(0, maxLength - 1), ids[ids.length - 1]];
      tokens = [...tokens.slice(0, maxLength - 1), tokens[tokens.length - 1]];
    }
    return { ids, tokens };
  }

  /** Encodes a batch, padded to the longest row (at most `maxLength`). */
  encodeBatch(texts: readonly string[], options: EncodeOptions): EncodedBatch {
    if (texts.length === 0) throw new InvalidInputError("tokenize: the batch is empty; pass at least one text");
    const maxLength = Math.min(options.maxLength, this.modelMaxLength);
    const rows = texts.map((text) => this.encode(text, maxLength));
    const padded = padTokenRows(rows.map((row) => row.ids), this.padTokenId);
    return { ...padded, tokens: rows.map((row) => row.tokens) };
  }
}

/**
 * Pads rows of token ids to the longest row (rounded up to a multiple of `multiple`):
 * row-major [batch, sequence] ids and a 0/1 mask.
 */
export function padTokenRows(rows: readonly (readonly number[])[], padId: number, multiple = 1): Omit<EncodedBatch, "tokens"> {
  const width = Math.ceil(Math.max(...rows.map((row) => row.length)) / multiple) * multiple;
  const inputIds: number[] = [];
  const attentionMask: number[] = [];
  for (const row of rows) {
    for (let j = 0; j < width; j++) {
      const present = j < row.length;
      inputIds.push(present ? row[j] : padId);
      attentionMask.push(present ? 1 : 0);
    }
  }
  return { inputIds, attentionMask, dims: [rows.length, width] };
}
