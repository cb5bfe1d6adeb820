/** The status line: which runtime runs the models, and each model's load state and time. */
import { element } from "../dom.js";
import { t, type MessageKey } from "../i18n.js";
import type { ModelLoader, ModelName, RuntimeInfo } from "../models.js";

const MODEL_NAME_KEYS: Record<ModelName, MessageKey> = { movement: "modelMovement", sentiment: "modelSentiment" };

/**
 * Renders the status list into `target`. Each model's item carries `data-state` and, once
 * loaded, `data-load-ms`, so tests can wait for a load without parsing text.
 */
export function renderStatus(target: HTMLElement, runtime: RuntimeInfo, models: ModelLoader): void {
  const runtimeItem = element("li", t("statusRuntime", { ...runtime }), {
    id: "runtime-name",
    "data-runtime": runtime.name,
    "data-backend": runtime.backend,
  });
  const modelItems = (["movement", "sentiment"] as const).map((name) => modelItem(name, models));
  target.replaceChildren(runtimeItem, ...modelItems);
}

function modelItem(name: ModelName, models: ModelLoader): HTMLLIElement {
  const state = models.stateOf(name);
  const model = t(MODEL_NAME_KEYS[name]);
  const item = element("li", undefined, { id: `${name}-model-status`, "data-state": state.status });
  switch (state.status) {
    case "idle":
      item.textContent = t("statusModelIdle", { model });
      break;
    case "loading":
      item.textContent = t("statusModelLoading", { model });
      break;
    case "ready":
      item.textContent = t("statusModelReady", { model, ms: Math.round(state.loadMilliseconds) });
      item.dataset.loadMs = String(state.loadMilliseconds);
      break;
    case "failed":
      item.textContent = t("statusModelFailed", { model });
      item.title = state.message;
      item.classList.add("failed");
      break;
  }
  return item;
}
