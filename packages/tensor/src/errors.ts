/**
 * Typed errors shared by every FinFuse package. Apps map them to exit codes and HTTP
 * statuses in one place: InvalidInputError is the caller's fault (400), ModelLoadError
 * and UnsupportedOperationError are the deployment's (500).
 */

/** The caller passed a value of the wrong shape, type, range or format. */
export class InvalidInputError extends Error {
  override readonly name = "InvalidInputError";
}

/** A model file or folder is missing, truncated, corrupt or inconsistent. */
export class ModelLoadError extends Error {
  override readonly name = "ModelLoadError";
}

/** An operation, op type or option that this build does not support. */
export class UnsupportedOperationError extends Error {
  override readonly name = "UnsupportedOperationError";
}
