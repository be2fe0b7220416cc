// Types of scripts/hostileInputs.mjs for the TypeScript tests that import it.
export interface HostileInput {
  id: string;
  /** The file name it is written under. */
  file: string;
  /** What the benchmark table calls it. */
  what: string;
  /** A string (written as UTF-8) or raw bytes. */
  content: string | Buffer;
  /** What an editor hands the server: the decoded text. */
  text: string;
}
export function hostileInputs(options?: { small?: boolean }): HostileInput[];
