/**
 * The page's strings in English and Simplified Chinese, and the current language. Static
 * elements name their string with `data-i18n="key"` (text) or `data-i18n-placeholder`;
 * views that build content call `t()` and re-render when the language changes.
 */

export const LANGUAGES = ["en", "zh-CN"] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "finfuse.language";

const english = {
  pageTitle: "FinFuse demo: finance models in the browser",
  heading: "FinFuse in the browser",
  intro:
    "Both models below run on this page with onnxruntime-web (WebAssembly). The server only sends the model files, the runtime files and the StockNet samples.",
  languageLabel: "Language",

  statusRuntime: "Runtime: {name} {version}, execution provider {backend} (WebAssembly), {threads} thread.",
  statusModelIdle: "{model} model: not loaded yet (it loads on first use).",
  statusModelLoading: "{model} model: loading…",
  statusModelReady: "{model} model: loaded in {ms} ms.",
  statusModelFailed: "{model} model: loading failed.",
  modelMovement: "Movement",
  modelSentiment: "Sentiment",

  movementHeading: "Stock movement",
  movementIntro:
    "Predicts whether the adjusted close of the target day rises (up) or falls (down) against the day before, from a candlestick chart of the 5 previous trading days and the texts published in that window.",
  sourceLegend: "Input",
  sourceStocknet: "StockNet sample",
  sourcePaste: "Paste your own data",
  tickerLabel: "Ticker",
  dateLabel: "Target date",
  stocknetUnavailable: "StockNet samples are unavailable on this server, so only pasted data works. Server message: {message}",
  stocknetLoading: "Loading StockNet samples…",
  splitTrain: "train",
  splitDev: "dev",
  splitTest: "test",
  pricesLabel: "Prices (CSV)",
  pricesHint:
    "Yahoo Finance columns Date,Open,High,Low,Close,Adj Close,Volume. The last 5 rows by date are the window, so the target day is the trading day after the last row.",
  headlinesLabel: "Headlines (optional)",
  headlinesHint:
    'One headline a line as "YYYY-MM-DD HH:MM text" (UTC; the time may be left out), or JSON Lines with one {"time": "2015-10-30T14:30:00Z", "text": "…"} object a line.',
  fillExample: "Fill in an example",
  copyToPaste: "Copy this sample into the paste fields",
  predictButton: "Predict in browser",
  predicting: "Predicting…",

  predictionHeading: "Prediction",
  labelUp: "up",
  labelDown: "down",
  probabilityUp: "P(up) = {value}",
  actualMove: "Actual move on {date}: {label} ({move}).",
  actualMoveUnlabelled: "Actual move on {date}: {move}, between the −0.5% and +0.55% thresholds, so StockNet gives it no label.",
  chartHeading: "Chart the model reads",
  chartCaption: "{width} × {height} pixels, one {dayWidth}-pixel column per day, shown 6 times larger.",
  topWordsHeading: "Words the days attend to most",
  columnRank: "#",
  columnWord: "Word",
  columnWeight: "Attention weight",
  columnDay: "Day attending most",
  noTexts: "The window has no text, so the model used only the chart.",
  heatmapHeading: "Text-to-day attention",
  heatmapHint:
    "One row per text token, and each row's weights over the days sum to 1. Shades run from the smallest weight in the map (white) to the largest (dark blue).",
  heatmapRange: "Shading starts at the uniform weight {uniform} (no preference among the days) and darkens towards 1; the weights here range from {min} to {max}.",
  columnToken: "Token",

  sentimentHeading: "Sentiment of financial news",
  sentimentIntro: "Classifies each sentence as positive, negative or neutral.",
  sentimentInputLabel: "Sentences, one per line",
  classifyButton: "Classify in browser",
  classifying: "Classifying…",
  columnSentence: "Sentence",
  columnLabel: "Label",
  sentimentPositive: "positive",
  sentimentNegative: "negative",
  sentimentNeutral: "neutral",

  errorInvalidInput: "Invalid input: {message}",
  errorModelLoad: "The model could not be loaded: {message}",
  errorServer: "The server request failed: {message}",
  errorUnexpected: "Unexpected error: {message}. The browser console has the details.",
  errorTooFewBars: "The price CSV has {count} rows with data, but the model needs the {days} trading days before the target date.",
  errorNoSentences: "Enter at least one sentence.",
  errorNoSample: "Pick a ticker and a date first.",
};

export type MessageKey = keyof typeof english;

const simplifiedChinese: Record<MessageKey, string> = {
  pageTitle: "FinFuse 演示：在浏览器中运行金融模型",
  heading: "FinFuse 浏览器演示",
  intro: "下面两个模型都在本页面中通过 onnxruntime-web（WebAssembly）运行。服务器只提供模型文件、运行时文件和 StockNet 样本。",
  languageLabel: "语言",

  statusRuntime: "运行时：{name} {version}，执行提供程序 {backend}（WebAssembly），{threads} 个线程。",
  statusModelIdle: "{model}模型：尚未加载（首次使用时加载）。",
  statusModelLoading: "{model}模型：加载中…",
  statusModelReady: "{model}模型：加载用时 {ms} 毫秒。",
  statusModelFailed: "{model}模型：加载失败。",
  modelMovement: "涨跌",
  modelSentiment: "情感",

  movementHeading: "股价涨跌预测",
  movementIntro: "根据目标日之前 5 个交易日的 K 线图和这段时间内发布的文本，预测目标日的复权收盘价相对前一日上涨（up）还是下跌（down）。",
  sourceLegend: "输入",
  sourceStocknet: "StockNet 样本",
  sourcePaste: "粘贴自己的数据",
  tickerLabel: "股票代码",
  dateLabel: "目标日期",
  stocknetUnavailable: "此服务器无法提供 StockNet 样本，因此只能使用粘贴的数据。服务器消息：{message}",
  stocknetLoading: "正在加载 StockNet 样本…",
  splitTrain: "训练集",
  splitDev: "验证集",
  splitTest: "测试集",
  pricesLabel: "价格（CSV）",
  pricesHint: "Yahoo Finance 的列：Date,Open,High,Low,Close,Adj Close,Volume。按日期排序后的最后 5 行构成窗口，目标日是最后一行之后的交易日。",
  headlinesLabel: "新闻标题（可选）",
  headlinesHint:
    '每行一个标题，格式为 "YYYY-MM-DD HH:MM 文本"（UTC 时间，可省略时间）；或者使用 JSON Lines，每行一个 {"time": "2015-10-30T14:30:00Z", "text": "…"} 对象。',
  fillExample: "填入示例",
  copyToPaste: "将此样本复制到粘贴区",
  predictButton: "在浏览器中预测",
  predicting: "预测中…",

  predictionHeading: "预测结果",
  labelUp: "上涨",
  labelDown: "下跌",
  probabilityUp: "上涨概率 P(up) = {value}",
  actualMove: "{date} 的实际变动：{label}（{move}）。",
  actualMoveUnlabelled: "{date} 的实际变动：{move}，介于 −0.5% 与 +0.55% 两个阈值之间，因此 StockNet 不为其标注。",
  chartHeading: "模型读取的图表",
  chartCaption: "{width} × {height} 像素，每个交易日占 {dayWidth} 像素宽的一列，放大 6 倍显示。",
  topWordsHeading: "各交易日最关注的词",
  columnRank: "#",
  columnWord: "词",
  columnWeight: "注意力权重",
  columnDay: "最关注该词的交易日",
  noTexts: "该窗口没有文本，模型只使用了图表。",
  heatmapHeading: "文本到交易日的注意力",
  heatmapHint: "每行对应一个文本词元，其在各交易日上的权重之和为 1。颜色从图中最小的权重（白色）过渡到最大的权重（深蓝色）。",
  heatmapRange: "颜色从均匀权重 {uniform}（对各交易日没有偏好）开始，越接近 1 越深；此图中的权重范围为 {min} 至 {max}。",
  columnToken: "词元",

  sentimentHeading: "金融新闻情感分析",
  sentimentIntro: "将每个句子分类为正面、负面或中性。",
  sentimentInputLabel: "句子（每行一句）",
  classifyButton: "在浏览器中分类",
  classifying: "分类中…",
  columnSentence: "句子",
  columnLabel: "标签",
  sentimentPositive: "正面",
  sentimentNegative: "负面",
  sentimentNeutral: "中性",

  errorInvalidInput: "输入无效：{message}",
  errorModelLoad: "模型加载失败：{message}",
  errorServer: "服务器请求失败：{message}",
  errorUnexpected: "意外错误：{message}。详情请查看浏览器控制台。",
  errorTooFewBars: "价格 CSV 只有 {count} 行有效数据，但模型需要目标日之前的 {days} 个交易日。",
  errorNoSentences: "请至少输入一个句子。",
  errorNoSample: "请先选择股票代码和日期。",
};

const MESSAGES: Record<Language, Record<MessageKey, string>> = { en: english, "zh-CN": simplifiedChinese };

/** Names of the languages, each written in its own language, for the language picker. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", "zh-CN": "简体中文" };

let currentLanguage: Language = "en";
const listeners: Array<() => void> = [];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** Returns the saved language, else Chinese for a Chinese browser locale, else English. */
export function initialLanguage(): Language {
  const saved = readSavedLanguage();
  if (saved !== undefined) return saved;
  return navigator.language.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

export function getLanguage(): Language {
  return currentLanguage;
}

/** Formats the message `key` in the current language, replacing each `{name}` with `params[name]`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[currentLanguage][key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? String(params[name]) : placeholder,
  );
}

/** Registers a function that re-renders content built with `t()` after a language change. */
export function onLanguageChange(listener: () => void): void {
  listeners.push(listener);
}

/**
 * Switches the page to `language`: saves the choice, sets `<html lang>` and the title,
 * fills every element marked with data-i18n, and calls the registered listeners.
 */
export function setLanguage(language: Language): void {
  currentLanguage = language;
  saveLanguage(language);
  document.documentElement.lang = language;
  document.title = t("pageTitle");
  for (const element of document.querySelectorAll<HTMLElement>("[data-i18n]")) {
    element.textContent = t(element.dataset.i18n as MessageKey);
  }
  for (const element of document.querySelectorAll<HTMLTextAreaElement>("[data-i18n-placeholder]")) {
    element.placeholder = t(element.dataset.i18nPlaceholder as MessageKey);
  }
  for (const listener of listeners) listener();
}

/** Returns every message key, for checks that the page and both languages agree. */
export function messageKeys(): MessageKey[] {
  return Object.keys(english) as MessageKey[];
}

/** Returns the message table of `language`. */
export function messagesOf(language: Language): Readonly<Record<MessageKey, string>> {
  return MESSAGES[language];
}

function readSavedLanguage(): Language | undefined {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : undefined;
  } catch {
    // Storage is unavailable in some private modes and sandboxed frames; use the default.
    return undefined;
  }
}

function saveLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Without storage the choice lasts until the page is reloaded.
  }
}
