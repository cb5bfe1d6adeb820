/**
 * Masked-language-model pretraining of the text encoder on unlabelled lines (the ECTSum
 * training transcripts), on ONNX Runtime. Lines are tokenised and packed into sequences
 * of [CLS] plus T - 1 tokens, so no batch has padding. 15% of the tokens of each batch are
 * chosen for prediction. As in BERT, each is replaced by [MASK] 80% of the time, by a
 * random token 10% of the time, and kept 10% of the time.
 *
 * Shape letters: B batch, T tokens, M predicted positions.
 */
import cliProgress from "cli-progress";
import { AdamW, OnnxTrainer, createRng, createSession, type ParameterStore, type Rng } from "@finfuse/tensor";
import { MaskedLanguageModelModule, SPECIAL_TOKENS, type TextEncoderConfig, type TextTokenizer } from "@finfuse/text";

export interface PretrainOptions {
  lines: readonly string[];
  tokenizer: TextTokenizer;
  config: TextEncoderConfig;
  steps: number;
  batchSize: number;
  sequence: number;
  learningRate: number;
  seed: number;
  showProgress: boolean;
  log: (line: string) => void;
}

export interface PretrainReport {
  steps: number;
  /** Mean loss of the first and the last tenth of the steps. */
  firstLoss: number;
  lastLoss: number;
  tokens: number;
  seconds: number;
}

const MASK_SHARE = 0.15;

/** Pretrains the encoder weights ("text.*") in `parameters`, which this function initialises. */
export async function pretrainTextEncoder(parameters: ParameterStore, options: PretrainOptions): Promise<PretrainReport> {
  const { batchSize, sequence, steps } = options;
  const started = performance.now();
  const rng = createRng(options.seed);
  const model = new MaskedLanguageModelModule(options.config);
  model.initialize(parameters, rng);

  const chunks = packChunks(options, steps * batchSize);
  options.log(`pretraining: ${chunks.length} sequences of ${sequence} tokens from ${options.lines.length} lines`);
  const order = rng.shuffle(chunks.map((_, i) => i));
  const optimizer = new AdamW(parameters, { learningRate: options.learningRate, warmupSteps: Math.ceil(steps / 10), totalSteps: steps, weightDecay: 0.01 });
  const trainer = new OnnxTrainer({
    parameters, rng, createSession: (bytes) => createSession(bytes, { sourceName: "pretraining step" }),
    inputTypes: { input_ids: "int64", attention_mask: "int64", positions: "int64" },
    forward: (graph, inputs) => model.forward(graph, inputs.input_ids, inputs.attention_mask, inputs.positions),
  });
  const bar = options.showProgress ? new cliProgress.SingleBar({ format: "pretraining [{bar}] {value}/{total} steps | loss {loss}" }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(steps, 0, { loss: "-" });
  const losses: number[] = [];
  parameters.setTrainable(true);
  for (let step = 0; step < steps; step++) {
    const rows = Array.from({ length: batchSize }, (_, b) => chunks[order[(step * batchSize + b) % order.length]]);
    const batch = maskBatch(rows, options.tokenizer, options.config.vocabSize, rng);
    const loss = await trainer.step({
      input_ids: { data: batch.inputIds, dims: [batchSize, sequence] },
      attention_mask: { data: new Array<number>(batchSize * sequence).fill(1), dims: [batchSize, sequence] },
      positions: { data: batch.positions, dims: [batch.positions.length] },
    }, batch.labels);
    optimizer.update();
    losses.push(loss);
    bar?.update(step + 1, { loss: loss.toFixed(3) });
  }
  bar?.stop();
  parameters.setTrainable(false);
  await trainer.dispose();
  const tenth = Math.max(1, Math.floor(steps / 10));
  const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
  return { steps, firstLoss: mean(losses.slice(0, tenth)), lastLoss: mean(losses.slice(-tenth)), tokens: steps * batchSize * sequence, seconds: (performance.now() - started) / 1000 };
}

/** Tokenises lines until `count` sequences of [CLS] + (T - 1) tokens are filled. */
function packChunks(options: PretrainOptions, count: number): number[][] {
  const cls = options.tokenizer.tokenId("[CLS]")!;
  const body = options.sequence - 1;
  const chunks: number[][] = [];
  let current: number[] = [];
  for (const line of options.lines) {
    if (chunks.length >= count) break;
    const ids = options.tokenizer.encode(line, 512).ids.slice(1, -1);
    for (const id of ids) {
      current.push(id);
      if (current.length === body) {
        chunks.push([cls, ...current]);
        current = [];
      }
    }
  }
  if (chunks.length === 0) throw new Error(`pretraining: the corpus has fewer than ${body} tokens`);
  return chunks;
}

/** Chooses M = 15% of the non-[CLS] positions of the batch, corrupts them, and returns the originals as labels. */
function maskBatch(rows: readonly number[][], tokenizer: TextTokenizer, vocabSize: number, rng: Rng): { inputIds: number[]; positions: number[]; labels: number[] } {
  const sequence = rows[0].length;
  const inputIds = rows.flat();
  const candidates: number[] = [];
  for (let b = 0; b < rows.length; b++) for (let t = 1; t < sequence; t++) candidates.push(b * sequence + t);
  const count = Math.round(MASK_SHARE * candidates.length);
  const positions = rng.shuffle(candidates).slice(0, count).sort((a, b) => a - b);
  const mask = tokenizer.tokenId("[MASK]")!;
  const labels = positions.map((position) => inputIds[position]);
  for (const position of positions) {
    const draw = rng.next();
    if (draw < 0.8) inputIds[position] = mask;
    else if (draw < 0.9) inputIds[position] = SPECIAL_TOKENS.length + rng.int(vocabSize - SPECIAL_TOKENS.length);
  }
  return { inputIds, positions, labels };
}
