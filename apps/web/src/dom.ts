/** Small DOM helpers shared by the views. */
import { t, type MessageKey } from "./i18n.js";
import type { PageMessage } from "./page-error.js";

/** Returns the element with `id`, failing loudly when index.html and the code disagree. */
export function byId<E extends HTMLElement>(id: string): E {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`index.html has no element with id "${id}"`);
  return element as E;
}

/** Creates an element with text content and attributes (`data-*` included). */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (text !== undefined) created.textContent = text;
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
  return created;
}

/** Creates a table with a header row and one row per entry of `rows` (cells already built). */
export function table(headers: readonly string[], rows: readonly HTMLTableRowElement[], attributes: Record<string, string> = {}): HTMLTableElement {
  const created = element("table", undefined, attributes);
  const headRow = created.createTHead().insertRow();
  for (const header of headers) headRow.append(element("th", header, { scope: "col" }));
  created.createTBody().append(...rows);
  return created;
}

/**
 * Marks `button` busy (disabled, with the `busyKey` label) while `work` runs. The label
 * is a data-i18n key, so a language change during the work still shows the right text.
 */
export async function whileBusy<T>(button: HTMLButtonElement, busyKey: MessageKey, work: () => Promise<T>): Promise<T> {
  const idleKey = button.dataset.i18n as MessageKey;
  button.disabled = true;
  showKey(button, busyKey);
  try {
    return await work();
  } finally {
    button.disabled = false;
    showKey(button, idleKey);
  }
}

/** Shows the message in `target`, or hides `target` when `message` is undefined. */
export function showMessage(target: HTMLElement, message: PageMessage | undefined): void {
  target.hidden = message === undefined;
  target.textContent = message === undefined ? "" : t(message.key, message.params);
}

function showKey(target: HTMLElement, key: MessageKey): void {
  target.dataset.i18n = key;
  target.textContent = t(key);
}
