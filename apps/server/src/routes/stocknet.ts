/** GET /v1/stocknet/...: tickers, labelled dates and input windows from the StockNet data set. */
import type { FastifyInstance } from "fastify";

import { NotFoundError } from "../errors.js";
import { datesRouteSchema, tickersRouteSchema, windowRouteSchema, type TickerDateParams, type TickerParams } from "../schemas/stocknet.js";
import type { StocknetDate, StocknetStore, StocknetWindow } from "../stocknet/stocknet-store.js";

const MISSING_DATA_HINT =
  "no StockNet data folder is configured; set FINFUSE_STOCKNET_DIR to the root of the StockNet release " +
  "(the folder with price/raw/ and tweet/preprocessed/), or FINFUSE_DATA_DIR to its parent folder, and restart the server";

export function registerStocknetRoutes(app: FastifyInstance, store: StocknetStore | undefined): void {
  const requireStore = (): StocknetStore => {
    if (store === undefined) throw new NotFoundError(MISSING_DATA_HINT);
    return store;
  };

  app.get("/v1/stocknet/tickers", { schema: tickersRouteSchema }, async (): Promise<{ tickers: string[] }> => ({
    tickers: await requireStore().listTickers(),
  }));

  app.get<{ Params: TickerParams }>(
    "/v1/stocknet/:ticker/dates",
    { schema: datesRouteSchema },
    async (request): Promise<{ ticker: string; dates: StocknetDate[] }> => {
      const ticker = request.params.ticker.toUpperCase();
      return { ticker, dates: await requireStore().listDates(ticker) };
    },
  );

  app.get<{ Params: TickerDateParams }>(
    "/v1/stocknet/:ticker/:date",
    { schema: windowRouteSchema },
    async (request): Promise<StocknetWindow> => requireStore().findWindow(request.params.ticker.toUpperCase(), request.params.date),
  );
}
