import { describe, expect, it } from "vitest";
import { EagerOps, GraphBuilder, ParameterStore, Tensor, createRng, createSession, exportOnnx } from "@finfuse/tensor";
import { FusionEncoder } from "./fusion-encoder.js";

const config = { width: 16, heads: 4, feedForwardWidth: 32, dropoutRate: 0, layers: 2 };

function randomTensor(seed: number, shape: number[]): Tensor {
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return new Tensor(Float32Array.from({ length: size }, () => rng.normal()), shape);
}

function setup(): { parameters: ParameterStore; fusion: FusionEncoder } {
  const parameters = new ParameterStore();
  const fusion = new FusionEncoder("fusion", config);
  fusion.initialize(parameters, createRng(11));
  const rng = createRng(12);
  for (const [, tensor] of parameters.entries()) for (let i = 0; i < tensor.size; i++) tensor.data[i] += rng.normal() * 0.2;
  return { parameters, fusion };
}

describe("FusionEncoder", () => {
  it("returns pooled states and head-averaged attention of the right shapes", () => {
    const { parameters, fusion } = setup();
    const ops = new EagerOps(parameters);
    const text = randomTensor(1, [2, 6, 16]);
    const image = randomTensor(2, [2, 5, 16]);
    const mask = Tensor.from([1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1], [2, 6]);
    const out = fusion.forward(ops, text, image, ops.maskToBias(mask));
    expect(out.pooled.shape).toEqual([2, 32]);
    expect(out.textToImage.shape).toEqual([2, 6, 5]);
    expect(out.imageToText.shape).toEqual([2, 5, 6]);
    for (let t = 0; t < 6; t++) {
      let sum = 0;
      for (let p = 0; p < 5; p++) sum += out.textToImage.get(0, t, p);
      expect(sum).toBeCloseTo(1, 5);
    }
    for (let p = 0; p < 5; p++) {
      expect(out.imageToText.get(0, p, 4)).toBe(0);
      expect(out.imageToText.get(0, p, 5)).toBe(0);
    }
  });

  it("padding tokens do not change the image side", () => {
    const { parameters, fusion } = setup();
    const ops = new EagerOps(parameters);
    const image = randomTensor(2, [1, 5, 16]);
    const short = randomTensor(3, [1, 4, 16]);
    const padded = new Tensor(new Float32Array(6 * 16), [1, 6, 16]);
    padded.data.set(short.data);
    padded.data.fill(7, 4 * 16);
    const a = fusion.forward(ops, short, image, ops.maskToBias(Tensor.from([1, 1, 1, 1], [1, 4])));
    const b = fusion.forward(ops, padded, image, ops.maskToBias(Tensor.from([1, 1, 1, 1, 0, 0], [1, 6])));
    for (let i = 0; i < 32; i++) expect(b.pooled.data[i]).toBeCloseTo(a.pooled.data[i], 5);
  });

  it("eager forward and onnxruntime-node agree within 1e-4", async () => {
    const { parameters, fusion } = setup();
    const text = randomTensor(4, [3, 7, 16]);
    const image = randomTensor(5, [3, 5, 16]);
    const mask = Tensor.from(Array.from({ length: 21 }, (_, i) => (i % 7 < 7 - (i % 3) ? 1 : 0)), [3, 7]);
    const eager = new EagerOps(parameters);
    const expected = fusion.forward(eager, text, image, eager.maskToBias(mask));

    const graph = new GraphBuilder(parameters);
    const textInput = graph.input("text_states", "float", ["batch", "tokens", 16]);
    const imageInput = graph.input("image_states", "float", ["batch", "patches", 16]);
    const maskInput = graph.input("text_mask", "int64", ["batch", "tokens"]);
    const out = fusion.forward(graph, textInput, imageInput, graph.maskToBias(maskInput));
    graph.output(out.pooled, "pooled", ["batch", 32]);
    graph.output(out.textToImage, "text_to_image", ["batch", "tokens", "patches"]);
    const session = await createSession(exportOnnx(graph, { graphName: "fusion" }));
    const result = await session.run({
      text_states: { data: text.data, dims: text.shape },
      image_states: { data: image.data, dims: image.shape },
      text_mask: { data: mask.data, dims: mask.shape },
    });
    const pooled = result.pooled.data as Float32Array;
    const weights = result.text_to_image.data as Float32Array;
    expect(Math.max(...pooled.map((v, i) => Math.abs(v - expected.pooled.data[i])))).toBeLessThan(1e-4);
    expect(Math.max(...weights.map((v, i) => Math.abs(v - expected.textToImage.data[i])))).toBeLessThan(1e-4);
    await session.dispose();
  });
});
