// Data loaders, labelling and splits. `stocknet.ts` and `stocknet-tweets.ts` import
// node:fs, so a browser bundle must import the browser-safe files directly and not this index.
export {
  decodePhrasebank,
  dedupePhrasebank,
  isSentimentLabel,
  parsePhrasebank,
  PHRASEBANK_AGREEMENTS,
  PHRASEBANK_DEV_FRACTION,
  PHRASEBANK_TEST_FRACTION,
  phrasebankFileName,
  readPhrasebank,
  SENTIMENT_LABELS,
  splitPhrasebank,
  type PhrasebankAgreement,
  type PhrasebankDedupeResult,
  type PhrasebankEncoding,
  type PhrasebankParseResult,
  type PhrasebankReadResult,
  type PhrasebankRow,
  type PhrasebankSplits,
  type SentimentLabel,
  type SkippedLine,
} from "./phrasebank.js";
export { parsePriceCsv, type PriceBar } from "./price-csv.js";
export {
  STOCKNET_SPLIT_NAMES,
  STOCKNET_SPLITS,
  STOCKNET_STUDY_PERIOD,
  stocknetSplitOf,
  type DateRange,
  type StocknetSplit,
} from "./splits.js";
export {
  isSample,
  labelStocknetMove,
  STOCKNET_DOWN_THRESHOLD,
  STOCKNET_HISTORY_DAYS,
  STOCKNET_LAG_DAYS,
  STOCKNET_UP_THRESHOLD,
  stocknetLookupAt,
  stocknetMove,
  stocknetSamplesOf,
  type StocknetLabel,
  type StocknetLookup,
  type StocknetSample,
  type StocknetSampleFields,
} from "./stocknet-protocol.js";
export { parseStocknetTweetLines, readStocknetTweets, type StocknetTweet } from "./stocknet-tweets.js";
export {
  buildStocknetSamples,
  findStocknetSample,
  listStocknetTickers,
  loadSampleTweets,
  readStocknetPrices,
  type StocknetSampleOptions,
} from "./stocknet.js";
