/**
 * One model folder that is loaded on first use and then shared by every request. A failed
 * load is not kept: the request gets ModelUnavailableError (503) and the next request
 * loads the folder again, so a folder fixed on disk works without a restart.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

import type { FastifyBaseLogger } from "fastify";

import { ModelUnavailableError } from "../errors.js";

/** Files every FinFuse model folder has, relative to the folder. */
export const MODEL_FILES = ["config.json", "tokenizer.json", "onnx/model.onnx"] as const;


export interface DisposableModel {
  dispose(): Promise<void>;
}

export type ModelState = "unloaded" | "loading" | "ready" | "failed";

export class ModelSlot<M extends DisposableModel> {
  private pending: Promise<M> | undefined;
  private current: ModelState = "unloaded";

  constructor(
    /** Task name used in messages, such as "sentiment". */
    readonly task: string,
    readonly folder: string,
    private readonly load: (folder: string) => Promise<M>,
    private readonly log: FastifyBaseLogger,
  ) {}

  get state(): ModelState {
    return this.current;
  }

  /**
   * Returns true when the folder has every file in MODEL_FILES and the last load did not
   * fail. It does not load the model.
   */
  isAvailable(): boolean {
    if (this.current === "failed") return false;
    return MODEL_FILES.every((file) => existsSync(join(this.folder, file)));
  }

  /**
   * Returns the loaded model, loading it first if needed.
   *
   * @throws ModelUnavailableError with the loader's message when the folder cannot be loaded.
   */
  get(): Promise<M> {
    if (this.pending !== undefined) return this.pending;

    this.current = "loading";
    const pending = this.loadOnce();
    this.pending = pending;
    pending.catch(() => {
      // Forget the failed load, unless dispose() or a retry has replaced it already.
      if (this.pending === pending) this.pending = undefined;
    });
    return pending;
  }

  /** Releases the model's ONNX Runtime session, if it was loaded. */
  async dispose(): Promise<void> {
    const pending = this.pending;
    this.pending = undefined;
    this.current = "unloaded";
    if (pending === undefined) return;
    const settled = await Promise.allSettled([pending]);
    if (settled[0].status === "fulfilled") await settled[0].value.dispose();
  }

  private async loadOnce(): Promise<M> {
    const started = performance.now();
    try {
      const model = await this.load(this.folder);
      this.current = "ready";
      this.log.info({ task: this.task, folder: this.folder, ms: Math.round(performance.now() - started) }, "model loaded");
      return model;
    } catch (error) {
      this.current = "failed";
      const message = `the ${this.task} model in ${this.folder} could not be loaded: ${this.describe(error)}; the next request that needs it will try again`;
      this.log.error({ task: this.task, folder: this.folder, err: error }, "model load failed");
      throw new ModelUnavailableError(message, { cause: error });
    }
  }

  private describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
  }
}
