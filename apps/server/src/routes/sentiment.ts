/** POST /v1/sentiment: classifies financial texts as positive, negative or neutral. */
import type { FastifyInstance } from "fastify";

import type { ModelRegistry } from "../models/model-registry.js";
import { sentimentRouteSchema, type SentimentRequest, type SentimentResponse } from "../schemas/sentiment.js";

export function registerSentimentRoute(app: FastifyInstance, models: ModelRegistry): void {
  app.post<{ Body: SentimentRequest }>("/v1/sentiment", { schema: sentimentRouteSchema }, async (request): Promise<SentimentResponse> => {
    const model = await models.sentiment.get();
    return { results: await model.classify(request.body.texts) };
  });
}
