/**
 * End-to-end check of the web demo in Debian's Chromium: the page runs the models on
 * onnxruntime-web, and its probabilities and attention weights must match what this server
 * computes on onnxruntime-node for the same input.
 *
 * Needs the built demo (apps/web/dist), the StockNet data set (found as the server finds
 * it, see src/config.ts) and /usr/bin/chromium. Set FINFUSE_SKIP_BROWSER=1 to skip the
 * browser tests on a machine without Chromium; the bundle checks still run.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { webDistPath } from "@finfuse/web/dist-path";
import type { FastifyInstance } from "fastify";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { buildApp } from "../src/app.js";
import { loadConfig, type ServerConfig } from "../src/config.js";

const CHROMIUM_PATH = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const SKIP_BROWSER = process.env.FINFUSE_SKIP_BROWSER === "1";
const SCREENSHOT_PATH = "/tmp/finfuse-demo.png";

/** Largest accepted difference between a browser and a server probability or attention weight. */
const TOLERANCE = 1e-4;
const TICKER = "AAPL";
const TARGET_DATE = "2015-11-02";
const SENTENCES = [
  "Net sales increased 18% to EUR 220 million, and operating profit doubled.",
  "The company warned that full-year earnings will fall short of expectations.",
  "The board will meet in Espoo on Thursday.",
];
const BAD_CSV = "Date,Open,High,Low,Close,Adj Close,Volume\n2015-10-26,1,2,0.5,abc,1,100\n";

interface Prediction {
  probabilityUp: number;
  days: string[];
  tokens: string[];
  textToDayAttention: number[][];
}

interface SentimentResult {
  text: string;
  label: string;
  probabilities: Record<string, number>;
}

/** Largest browser-versus-server differences seen, printed after the run. */
const maxDifference = { probabilityUp: 0, attention: 0, sentiment: 0 };

describe("web bundle", () => {
  it("exists", () => {
    expect(existsSync(join(webDistPath, "index.html")), `${webDistPath}/index.html is missing; build it with: cd apps/web && npx vite build`).toBe(true);
  });

  it("contains no Node-only imports", () => {
    const scripts = listFiles(webDistPath).filter((path) => path.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(0);
    for (const path of scripts) {
      const code = readFileSync(path, "utf8");
      expect(code.includes("onnxruntime-node"), `${path} mentions onnxruntime-node`).toBe(false);
      expect(code.match(/(?:from\s*|import\s*\(\s*|require\s*\(\s*)["']node:[\w/]+["']/)?.[0], `${path} imports a node: module`).toBeUndefined();
    }
  });
});

describe.skipIf(SKIP_BROWSER)("web demo in Chromium", () => {
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  const consoleLines: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(`${CHROMIUM_PATH} is missing; install it with "apt-get install chromium", or set FINFUSE_SKIP_BROWSER=1 to skip the browser tests`);
    }
    const config = serverConfig();
    if (config.stocknetDir === undefined) {
      throw new Error("the StockNet data set was not found; set FINFUSE_STOCKNET_DIR to the root of the StockNet release");
    }
    ({ app, baseUrl } = await startServer(config));
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    page = await openPage(browser, baseUrl, consoleLines);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    console.info(
      `browser vs server, max abs difference: P(up) ${maxDifference.probabilityUp.toExponential(2)}, ` +
        `text-to-day attention ${maxDifference.attention.toExponential(2)}, sentiment ${maxDifference.sentiment.toExponential(2)}`,
    );
  });

  it("reports onnxruntime-web on wasm", async () => {
    expect(await page.getAttribute("#runtime-name", "data-runtime")).toBe("onnxruntime-web");
    expect(await page.getAttribute("#runtime-name", "data-backend")).toBe("wasm");
  });

  it("matches the server's movement prediction", async () => {
    await page.waitForSelector(`#ticker-select option[value="${TICKER}"]`, { state: "attached" });
    await page.selectOption("#ticker-select", TICKER);
    await page.waitForSelector(`#date-select[data-ticker="${TICKER}"] option[value="${TARGET_DATE}"]`, { state: "attached" });
    await page.selectOption("#date-select", TARGET_DATE);
    await page.click("#predict-button");
    await waitForOutcome(page, MOVEMENT_RESULT, "#movement-error", consoleLines);

    const server = await serverPrediction(baseUrl, TICKER, TARGET_DATE);
    const browserProbability = Number(await page.getAttribute(MOVEMENT_RESULT, "data-probability-up"));
    maxDifference.probabilityUp = Math.abs(browserProbability - server.probabilityUp);
    expect(maxDifference.probabilityUp).toBeLessThanOrEqual(TOLERANCE);
    expect(await page.getAttribute("#movement-label", "data-label")).toBe(server.probabilityUp >= 0.5 ? "up" : "down");

    const tokens = await page.$$eval("#attention-table tbody th", (cells) => cells.map((cell) => cell.textContent));
    expect(tokens).toEqual(server.tokens);
    const attention = await readHeatmap(page);
    expect(attention.length).toBe(server.textToDayAttention.length);
    server.textToDayAttention.forEach((row, token) => {
      expect(attention[token]?.length, `token ${token}`).toBe(row.length);
      row.forEach((weight, day) => {
        const difference = Math.abs(attention[token][day] - weight);
        maxDifference.attention = Math.max(maxDifference.attention, difference);
        expect(difference, `token ${token} (${server.tokens[token]}), day ${day}`).toBeLessThanOrEqual(TOLERANCE);
      });
    });
    expect(await page.getAttribute("#movement-model-status", "data-state")).toBe("ready");
    await page.screenshot({ path: SCREENSHOT_PATH, fullPage: true });
  });

  it("predicts the same from pasted copies", async () => {
    const stocknetProbability = Number(await page.getAttribute(MOVEMENT_RESULT, "data-probability-up"));
    await page.click("#copy-sample-button");
    await page.waitForSelector("#paste-inputs:not([hidden])");
    expect(await page.inputValue("#price-csv")).toContain(`Date,Open,High,Low,Close,Adj Close,Volume`);
    await page.click("#predict-button");
    await waitForOutcome(page, MOVEMENT_RESULT, "#movement-error", consoleLines);
    expect(Number(await page.getAttribute(MOVEMENT_RESULT, "data-probability-up"))).toBe(stocknetProbability);
  });

  it("shows the error for a bad CSV", async () => {
    await page.check("#source-paste");
    await page.fill("#price-csv", BAD_CSV);
    await page.click("#predict-button");
    await page.waitForSelector("#movement-error:not([hidden])");
    expect(await page.textContent("#movement-error")).toContain('prices.csv:2: column "Close" value "abc" is not a decimal number');
    expect(await page.isHidden("#movement-result")).toBe(true);
    expect(await page.inputValue("#price-csv")).toBe(BAD_CSV);
  });

  it("matches the server's sentiment", async () => {
    await page.fill("#sentiment-input", SENTENCES.join("\n"));
    await page.click("#classify-button");
    await waitForOutcome(page, "#sentiment-table", "#sentiment-error", consoleLines);

    const rows = await page.$$eval("#sentiment-table tbody tr", (elements) =>
      elements.map((row) => ({ ...(row as HTMLElement).dataset })),
    );
    const server = await postJson<{ results: SentimentResult[] }>(`${baseUrl}/v1/sentiment`, { texts: SENTENCES });
    expect(rows).toHaveLength(SENTENCES.length);
    server.results.forEach((expected, index) => {
      expect(rows[index].label, `sentence ${index}`).toBe(expected.label);
      for (const [label, probability] of Object.entries(expected.probabilities)) {
        const difference = Math.abs(Number(rows[index][label]) - probability);
        maxDifference.sentiment = Math.max(maxDifference.sentiment, difference);
        expect(difference, `sentence ${index}, ${label}`).toBeLessThanOrEqual(TOLERANCE);
      }
    });
  });

  it("switches to Chinese and keeps it", async () => {
    await page.selectOption("#language-select", "zh-CN");
    expect(await page.textContent("#page-heading")).toBe("FinFuse 浏览器演示");
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    expect(await page.textContent("#predict-button")).toBe("在浏览器中预测");

    await page.reload();
    await page.waitForSelector("#page-heading:not(:empty)");
    expect(await page.textContent("#page-heading")).toBe("FinFuse 浏览器演示");
    await page.selectOption("#language-select", "en");
    expect(await page.textContent("#page-heading")).toBe("FinFuse in the browser");
  });

  it("works without a StockNet folder", async () => {
    const bare = await startServer({ ...serverConfig(), stocknetDir: undefined });
    const barePage = await openPage(browser, bare.baseUrl, consoleLines);
    try {
      await barePage.waitForSelector("#stocknet-note:not([hidden])");
      expect(await barePage.textContent("#stocknet-note")).toContain("FINFUSE_STOCKNET_DIR");
      expect(await barePage.isChecked("#source-paste")).toBe(true);
      expect(await barePage.isHidden("#stocknet-pickers")).toBe(true);

      await barePage.click("#fill-example-button");
      await barePage.click("#predict-button");
      await waitForOutcome(barePage, MOVEMENT_RESULT, "#movement-error", consoleLines);
      const probability = Number(await barePage.getAttribute(MOVEMENT_RESULT, "data-probability-up"));
      expect(probability).toBeGreaterThanOrEqual(0);
      expect(probability).toBeLessThanOrEqual(1);
    } finally {
      await barePage.close();
      await bare.app.close();
    }
  });
});

/** P(up) of a shown result; the result block is hidden while a prediction runs. */
const MOVEMENT_RESULT = "#movement-result:not([hidden]) #movement-probability[data-probability-up]";

function serverConfig(): ServerConfig {
  return { ...loadConfig(process.env), host: "127.0.0.1", port: 0, logLevel: "silent", webDistDir: webDistPath };
}

async function startServer(config: ServerConfig): Promise<{ app: FastifyInstance; baseUrl: string }> {
  const app = buildApp(config);
  const baseUrl = await app.listen({ host: config.host, port: config.port });
  return { app, baseUrl };
}

/** Opens the demo in a fresh context (so localStorage starts empty), recording console output. */
async function openPage(browser: Browser, baseUrl: string, consoleLines: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
  const page = await context.newPage();
  page.on("console", (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => consoleLines.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => consoleLines.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ""}`));
  await page.goto(`${baseUrl}/`);
  await page.waitForSelector("#page-heading:not(:empty)");
  return page;
}

/**
 * Waits until `resultSelector` matches or the error element `errorSelector` is shown, and
 * fails with the page's error text and the browser console in the second case.
 */
async function waitForOutcome(page: Page, resultSelector: string, errorSelector: string, consoleLines: string[]): Promise<void> {
  const outcome = await page.waitForFunction(
    ({ result, error }) => {
      if (document.querySelector(result) !== null) return "result";
      const errorElement = document.querySelector<HTMLElement>(error);
      return errorElement !== null && !errorElement.hidden ? "error" : false;
    },
    { result: resultSelector, error: errorSelector },
    { timeout: 90_000 },
  );
  if ((await outcome.jsonValue()) === "error") {
    const message = await page.textContent(errorSelector);
    throw new Error(`the page showed an error: ${message}\nbrowser console:\n${consoleLines.join("\n")}`);
  }
}

/** Reads the heatmap cells back into a [token][day] matrix. */
async function readHeatmap(page: Page): Promise<number[][]> {
  const cells = await page.$$eval("#attention-table td[data-weight]", (elements) =>
    elements.map((cell) => {
      const data = (cell as HTMLElement).dataset;
      return { token: Number(data.token), day: Number(data.day), weight: Number(data.weight) };
    }),
  );
  const matrix: number[][] = [];
  for (const { token, day, weight } of cells) (matrix[token] ??= [])[day] = weight;
  return matrix;
}

async function serverPrediction(baseUrl: string, ticker: string, date: string): Promise<Prediction> {
  const response = await fetch(`${baseUrl}/v1/stocknet/${ticker}/${date}`);
  expect(response.status, `GET /v1/stocknet/${ticker}/${date}`).toBe(200);
  const sample = (await response.json()) as { ticker: string; date: string; prices: unknown[]; texts: unknown[] };
  return postJson<Prediction>(`${baseUrl}/v1/movement`, { ticker: sample.ticker, date: sample.date, prices: sample.prices, texts: sample.texts });
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await response.text();
  expect(response.status, `POST ${url}: ${text.slice(0, 500)}`).toBe(200);
  return JSON.parse(text) as T;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
