/** Loads StockNet samples with each window's timed tweets, reading every day file once per ticker (Node). */
import { join } from "node:path";
import { buildStocknetSamples } from "../data/stocknet.js";
import { collectTweets, readStocknetTweetDays } from "../data/stocknet-tweets.js";
import type { StocknetSample } from "../data/stocknet-protocol.js";
import type { TimedText } from "../movement/text-window.js";

export interface WindowSample {
  sample: StocknetSample;
  texts: TimedText[];
}

export async function loadStocknetWindows(dataDir: string): Promise<WindowSample[]> {
  const stocknetDir = join(dataDir, "stocknet");
  const samples = await buildStocknetSamples(stocknetDir);
  const byTicker = new Map<string, StocknetSample[]>();
  for (const sample of samples) {
    const list = byTicker.get(sample.ticker) ?? [];
    list.push(sample);
    byTicker.set(sample.ticker, list);
  }
  const windows: WindowSample[] = [];
  for (const [ticker, tickerSamples] of byTicker) {
    const from = tickerSamples.reduce((min, s) => (s.tweetDays[0] < min ? s.tweetDays[0] : min), "9999-12-31");
    const to = tickerSamples.reduce((max, s) => (s.tweetDays[1] > max ? s.tweetDays[1] : max), "0000-01-01");
    const byDay = await readStocknetTweetDays(stocknetDir, ticker, from, to).catch(() => new Map());
    for (const sample of tickerSamples) {
      windows.push({ sample, texts: collectTweets(byDay, sample.tweetDays[0], sample.tweetDays[1]) });
    }
  }
  return windows;
}
