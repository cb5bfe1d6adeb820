/**
 * The injectable logger every FinFuse library writes through. Messages are functions, so
 * a message is only built when its level is enabled. Libraries are silent by default;
 * apps pass a pino logger (or anything with these methods).
 */
export type LogMessage = string | (() => string);

export interface Logger {
  debug(message: LogMessage): void;
  info(message: LogMessage): void;
  warn(message: LogMessage): void;
  error(message: LogMessage): void;
}

const ignore = (): void => {};

export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/** Returns the text of a message, calling it if it is deferred. */
export function renderMessage(message: LogMessage): string {
  return typeof message === "function" ? message() : message;
}

/** Adapts a pino-style logger (methods taking a string) to the Logger interface. */
export function fromPino(target: { debug(message: string): void; info(message: string): void; warn(message: string): void; error(message: string): void; isLevelEnabled?(level: string): boolean }): Logger {
  const level = (name: "debug" | "info" | "warn" | "error") => (message: LogMessage): void => {
    if (target.isLevelEnabled !== undefined && !target.isLevelEnabled(name)) return;
    target[name](renderMessage(message));
  };
  return { debug: level("debug"), info: level("info"), warn: level("warn"), error: level("error") };
}
