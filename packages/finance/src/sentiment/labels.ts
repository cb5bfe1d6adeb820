/** Sentiment classes, in the order of the shipped model's logits; the single source of this list. */
export const SENTIMENT_LABELS = ["positive", "negative", "neutral"] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];
