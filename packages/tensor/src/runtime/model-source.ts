/** Where a model folder's files come from: a directory in Node, a base URL in the browser. */
export interface ModelSource {
  /** Human-readable location used in error messages. */
  readonly location: string;
  readBytes(relativePath: string): Promise<Uint8Array>;
  readText(relativePath: string): Promise<string>;
  exists(relativePath: string): Promise<boolean>;
}
