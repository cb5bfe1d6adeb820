/** POST /v1/movement: predicts the next-day direction of a stock from a price window and texts. */
import type { FastifyInstance } from "fastify";

import type { ModelRegistry } from "../models/model-registry.js";
import { movementRouteSchema, type MovementRequest, type MovementResponse } from "../schemas/movement.js";

export function registerMovementRoute(app: FastifyInstance, models: ModelRegistry): void {
  app.post<{ Body: MovementRequest }>("/v1/movement", { schema: movementRouteSchema }, async (request): Promise<MovementResponse> => {
    const { ticker, date, prices, texts } = request.body;
    const model = await models.movement.get();
    return model.predict({ ticker, date, prices, texts });
  });
}
