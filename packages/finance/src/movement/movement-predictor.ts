/**
 * Runs the movement model folder (config.json, tokenizer.json, onnx/model.onnx) on a lag
 * window of prices and texts. Browser-safe: the same code runs on onnxruntime-node and
 * onnxruntime-web, so both give the same probabilities for the same input.
 */
import { InvalidInputError, ModelLoadError, createSession, openModelSource, readModelJson, type ModelSource, type OnnxSession, type SessionOptions } from "@finfuse/tensor";
import { TextTokenizer } from "@finfuse/text";
import { renderChart, type ChartImage, type PriceBar } from "@finfuse/vision";
import { parseIsoTime } from "./iso-time.js";
import { softmaxRow } from "@finfuse/text";
import { topAttendedWords, type AttendedWord } from "./explanation.js";
import { MOVEMENT_LABELS, type MovementLabel, type MovementModelConfig } from "./movement-module.js";
import { encodeTextWindow, padWindows, type TimedText } from "./text-window.js";

export interface MovementInput {
  /** The lag window's daily bars, oldest first (as many as the model's `days`, 5 for the default model). */
  prices: readonly PriceBar[];
  /** Texts published during the window; may be empty. */
  texts: readonly TimedText[];
  ticker?: string;
  /** Target trading day, YYYY-MM-DD; informational. */
  date?: string;
}

export interface MovementPrediction {
  ticker?: string;
  date?: string;
  label: MovementLabel;
  /** Probability that the adjusted close rises by at least the up threshold. */
  probabilityUp: number;
  probabilities: Record<MovementLabel, number>;
  /** Dates of the window's days, oldest first; columns of the attention maps. */
  days: string[];
  /** Text tokens the model read, including [CLS] and [SEP]. */
  tokens: string[];
  /** [tokens][days]: each token's attention over the days (rows sum to 1). */
  textToDayAttention: number[][];
  /** [days][tokens]: each day's attention over the tokens (rows sum to 1). */
  dayToTextAttention: number[][];
  /** Words the days attend to most. */
  topWords: AttendedWord[];
}

/** Settings stored under "finfuse" in the movement model's config.json. */
export interface MovementFolderConfig {
  model: MovementModelConfig;
  maxTextTokens: number;
  chart: { dayWidth: number; height: number; priceHeight: number; days: number };
}

export class MovementPredictor {
  private constructor(
    readonly source: ModelSource,
    readonly settings: MovementFolderConfig,
    readonly tokenizer: TextTokenizer,
    private readonly session: OnnxSession,
  ) {}

  static async load(location: string | ModelSource, options: SessionOptions & { onnxFile?: string } = {}): Promise<MovementPredictor> {
    const source = typeof location === "string" ? openModelSource(location) : location;
    const config = await readModelJson(source, "config.json");
    const settings = config.finfuse as MovementFolderConfig | undefined;
    if (settings?.chart === undefined || settings.maxTextTokens === undefined) {
      throw new ModelLoadError(`${source.location}/config.json: missing the "finfuse" section (chart and maxTextTokens); this folder is not a FinFuse movement model`);
    }
    const tokenizer = await TextTokenizer.load(source);
    const onnxFile = options.onnxFile ?? "onnx/model.onnx";
    const session = await createSession(await source.readBytes(onnxFile), { ...options, sourceName: `${source.location}/${onnxFile}` });
    return new MovementPredictor(source, settings, tokenizer, session);
  }

  /** Predicts each input; inputs are batched into one model run. */
  async predictBatch(inputs: readonly MovementInput[]): Promise<MovementPrediction[]> {
    if (inputs.length === 0) return [];
    const { chart, maxTextTokens } = this.settings;
    const where = (i: number): string => (inputs.length === 1 ? "" : `inputs[${i}].`);
    const windows = inputs.map((input, i) => {
      this.checkPrices(input.prices, where(i));
      checkTargetDate(input, where(i));
      return encodeTextWindow(this.tokenizer, input.texts ?? [], maxTextTokens);
    });
    const images = inputs.map((input, i) => renderPrices(input.prices, chart, where(i)));
    const pixels = new Float32Array(images.reduce((sum, image) => sum + image.data.length, 0));
    images.forEach((image, i) => pixels.set(image.data, i * image.data.length));
    const tokens = padWindows(windows, this.tokenizer.padTokenId);
    const outputs = await this.session.run({
      input_ids: { data: tokens.inputIds, dims: tokens.dims },
      attention_mask: { data: tokens.attentionMask, dims: tokens.dims },
      pixel_values: { data: pixels, dims: [inputs.length, 3, images[0].height, images[0].width] },
    });
    const logits = outputs.logits.data as Float32Array;
    const textToDay = outputs.text_to_day_attention.data as Float32Array;
    const dayToText = outputs.day_to_text_attention.data as Float32Array;
    const width = tokens.dims[1];
    const days = chart.days;
    return inputs.map((input, b) => {
      const probabilities = softmaxRow(logits.subarray(b * 2, b * 2 + 2));
      const length = windows[b].ids.length;
      const dayDates = input.prices.map((bar) => bar.date);
      const textRows = Array.from({ length }, (_, t) => Array.from(textToDay.subarray((b * width + t) * days, (b * width + t + 1) * days)));
      const dayRows = Array.from({ length: days }, (_, d) => Array.from(dayToText.subarray((b * days + d) * width, (b * days + d) * width + length)));
      return {
        ticker: input.ticker,
        date: input.date,
        label: MOVEMENT_LABELS[probabilities[1] >= 0.5 ? 1 : 0],
        probabilityUp: probabilities[1],
        probabilities: { down: probabilities[0], up: probabilities[1] },
        days: dayDates,
        tokens: windows[b].tokens,
        textToDayAttention: textRows,
        dayToTextAttention: dayRows,
        topWords: topAttendedWords(windows[b].tokens, dayDates, dayRows),
      };
    });
  }

  async predict(input: MovementInput): Promise<MovementPrediction> {
    const [prediction] = await this.predictBatch([input]);
    return prediction;
  }

  async dispose(): Promise<void> {
    await this.session.dispose();
  }

  private checkPrices(prices: readonly PriceBar[] | undefined, where: string): void {
    const days = this.settings.chart.days;
    if (!Array.isArray(prices) || prices.length !== days) {
      throw new InvalidInputError(
        `${where}prices has ${Array.isArray(prices) ? prices.length : "no"} daily bars; send exactly the ${days} trading days before the target date, oldest first`,
      );
    }
  }
}

/**
 * With a target date, the window must end before it and every text must be published
 * before that day starts (UTC), so no information from the predicted day leaks in.
 */
function checkTargetDate(input: MovementInput, where: string): void {
  if (input.date === undefined) return;
  const target = parseIsoTime(input.date);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date) || target === undefined) {
    throw new InvalidInputError(`${where}date "${input.date}" must be a day written as YYYY-MM-DD`);
  }
  const last = input.prices[input.prices.length - 1]?.date;
  if (last !== undefined && last >= input.date) {
    throw new InvalidInputError(`${where}date ${input.date} is not after the window's last day ${last}; send the trading days before the target date`);
  }
  (input.texts ?? []).forEach((text, index) => {
    const time = parseIsoTime(text?.time ?? "");
    if (time !== undefined && time >= target) {
      throw new InvalidInputError(`${where}texts[${index}].time ${text.time} is on or after the target date ${input.date}; only texts published before the target day may be used`);
    }
  });
}

/** Renders the window's chart, naming the request's `prices` field in errors. */
function renderPrices(prices: readonly PriceBar[], chart: MovementFolderConfig["chart"], where: string): ChartImage {
  try {
    return renderChart([...prices], { dayWidth: chart.dayWidth, height: chart.height, priceHeight: chart.priceHeight, days: chart.days });
  } catch (error) {
    if (error instanceof InvalidInputError) throw new InvalidInputError(error.message.replace(/^renderChart: bars\[/, `${where}prices[`));
    throw error;
  }
}
