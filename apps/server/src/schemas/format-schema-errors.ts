/**
 * Turns Ajv's validation errors into one message that names the field with a JavaScript
 * path, such as `body.prices[3].high must be number`. Fastify calls this for every
 * request that fails its route's JSON schema, and the error handler sends a 400.
 */
import type { FastifySchemaValidationError } from "fastify";

/**
 * Formats Ajv errors for fastify's `schemaErrorFormatter` option. Ajv runs with
 * `allErrors: false`, so there is normally a single error.
 */
export function formatSchemaErrors(errors: FastifySchemaValidationError[], dataVar: string): Error {
  return new Error(errors.map((error) => describeError(error, dataVar)).join("; "));
}

function describeError(error: FastifySchemaValidationError, dataVar: string): string {
  const where = `${dataVar}${toPropertyPath(error.instancePath)}`;
  const params = error.params;

  if (error.keyword === "required") return `${where}.${String(params.missingProperty)} is required`;
  if (error.keyword === "additionalProperties") {
    return `${where} has an unknown property "${String(params.additionalProperty)}"${listAllowed(error)}`;
  }

  const description = schemaDescription(error);
  return `${where} ${error.message ?? "is invalid"}${description === undefined ? "" : `: expected ${description}`}`;
}

/** Converts a JSON pointer such as `/prices/3/high` to `.prices[3].high`. */
function toPropertyPath(pointer: string): string {
  if (pointer === "") return "";
  return pointer
    .split("/")
    .slice(1)
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`))
    .join("");
}

/** Returns the `description` of the failing schema, which Ajv attaches because it runs with `verbose: true`. */
function schemaDescription(error: FastifySchemaValidationError): string | undefined {
  const schema = (error as { parentSchema?: { description?: unknown } }).parentSchema;
  return typeof schema?.description === "string" ? schema.description : undefined;
}

function listAllowed(error: FastifySchemaValidationError): string {
  const schema = (error as { parentSchema?: { properties?: Record<string, unknown> } }).parentSchema;
  if (schema?.properties === undefined) return "";
  return `; the allowed properties are ${Object.keys(schema.properties).join(", ")}`;
}
