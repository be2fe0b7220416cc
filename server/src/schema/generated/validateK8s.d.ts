// Types of validateK8s.js, which scripts/generateValidator.mjs generates (ajv standalone, `messages: false`)
// from the bundled schema at build time. Committed so that type-checking needs no build; the .js is not.

/** One ajv error object as the standalone code builds it (no `message`: the server words its own). */
export interface AjvError {
  /** JSON pointer into the validated value (`/spec/ports/0/protocol`). */
  instancePath: string;
  /** JSON pointer into the schema, `#/definitions/…/type`. */
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}

export interface StandaloneValidate {
  (data: unknown): boolean;
  /** The errors of the last call; null when it passed. */
  errors?: AjvError[] | null;
}

declare const validate: StandaloneValidate;
export default validate;
