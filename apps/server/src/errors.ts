/**
 * The server's one error handler: every error a route throws, and every error fastify
 * raises while parsing or validating a request, becomes an HTTP status and the body
 * `{ "error": { "code", "message" } }` here.
 */
import { InvalidInputError, ModelLoadError, UnsupportedOperationError } from "@finfuse/tensor";
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";

import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Machine-readable error codes of the API. */
export type ErrorCode = "invalid_input" | "not_found" | "payload_too_large" | "model_unavailable" | "internal";

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** A resource the request names does not exist (404). */
export class NotFoundError extends Error {
  override readonly name = "NotFoundError";
}

/** A model could not be loaded (503); the next request tries again. */
export class ModelUnavailableError extends Error {
  override readonly name = "ModelUnavailableError";
}

interface ErrorResponse {
  status: number;
  code: ErrorCode;
  message: string;
}

/** Installs the error handler and the JSON 404 handler on `app`. */
export function registerErrorHandlers(app: FastifyInstance, options: { bodyLimit: number }): void {
  app.setErrorHandler((error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    const response = toErrorResponse(error, request.id, options.bodyLimit);
    logError(request, error, response);
    return sendError(reply, response);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0];
    const message = `no route for ${request.method} ${path}; the API has GET /health, POST /v1/sentiment, POST /v1/movement and GET /v1/stocknet/tickers`;
    return sendError(reply, { status: 404, code: "not_found", message });
  });
}

function sendError(reply: FastifyReply, response: ErrorResponse): FastifyReply {
  const body: ErrorBody = { error: { code: response.code, message: response.message } };
  return reply.status(response.status).type("application/json; charset=utf-8").send(body);
}

/**
 * Creates fastify's `clientErrorHandler`, which responds to requests that Node's HTTP parser
 * rejects before any route runs, such as a connection that ends before the body reaches
 * its Content-Length. It sends the same error body as the error handler.
 */
export function createClientErrorHandler(log: () => FastifyBaseLogger): (error: Error & { code?: string }, socket: Socket) => void {
  return (error, socket) => {
    // A reset connection has no client left to read a response.
    if (error.code === "ECONNRESET" || socket.destroyed) return;

    let status = 400;
    let message = "the request is malformed, or the connection ended before the body reached its Content-Length";
    if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
      status = 408;
      message = "the request was not complete before the server's request timeout";
    } else if (error.code === "HPE_HEADER_OVERFLOW") {
      status = 431;
      message = "the request headers are larger than the server accepts";
    }
    log().warn({ status, code: "invalid_input", reason: error.code ?? error.message }, "client error");

    const body: ErrorBody = { error: { code: "invalid_input", message } };
    const text = JSON.stringify(body);
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
          `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${text}`,
      );
    }
    socket.destroy(error);
  };
}

/** Maps an error to its status, code and client message. */
export function toErrorResponse(error: FastifyError | Error, requestId: string, bodyLimit: number): ErrorResponse {
  if (error instanceof InvalidInputError) return { status: 400, code: "invalid_input", message: error.message };
  if (error instanceof NotFoundError) return { status: 404, code: "not_found", message: error.message };
  if (error instanceof ModelUnavailableError || error instanceof ModelLoadError) {
    return { status: 503, code: "model_unavailable", message: error.message };
  }
  if (error instanceof UnsupportedOperationError) return { status: 500, code: "internal", message: error.message };

  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation !== undefined) return { status: 400, code: "invalid_input", message: error.message };
  switch (fastifyError.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return { status: 413, code: "payload_too_large", message: `request body is larger than the limit of ${bodyLimit} bytes; send fewer or shorter texts` };
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return { status: 400, code: "invalid_input", message: "request body is not valid JSON; send one complete JSON document" };
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return { status: 400, code: "invalid_input", message: "request body is empty; send a JSON document" };
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return { status: 400, code: "invalid_input", message: "request body is shorter or longer than its Content-Length header" };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return { status: 415, code: "invalid_input", message: "Content-Type is not supported; send the body as application/json" };
  }

  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return { status, code: status === 404 ? "not_found" : status === 413 ? "payload_too_large" : "invalid_input", message: error.message };
  }
  return { status: 500, code: "internal", message: `internal server error; the server log has the details under request id ${requestId}` };
}

/** Maximum length of a client error message in the log; longer messages are cut. */
const MAX_LOGGED_REASON_CHARS = 300;

/**
 * Logs a caught error; fastify binds the request id to `request.log`. Client errors are
 * logged without a stack, and their message is cut to MAX_LOGGED_REASON_CHARS because a
 * few library messages quote part of the rejected input.
 */
function logError(request: FastifyRequest, error: Error, response: ErrorResponse): void {
  const { status, code } = response;
  if (code === "model_unavailable") {
    // The model slot has logged the load error with its stack already.
    request.log.error({ status, code, reason: response.message }, "request failed");
  } else if (status >= 500) {
    request.log.error({ err: error, status, code }, "request failed");
  } else {
    const reason = response.message.length > MAX_LOGGED_REASON_CHARS ? `${response.message.slice(0, MAX_LOGGED_REASON_CHARS)}...` : response.message;
    request.log.warn({ status, code, reason }, "request rejected");
  }
}
