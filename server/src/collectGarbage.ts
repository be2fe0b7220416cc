// A full garbage collection on demand, for the two places that know a large structure has just become garbage
// and that the heap would otherwise carry it into the next large allocation: the parse worker after a parse
// (and after its result is copied out), and `check --fix` between its two analyses. V8 exposes its `gc` only to
// a context made after the flag is set (the way test runners that look for leaks get it); the flag is unset
// again at once.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as (() => void) | undefined)?.();
  } catch {
    // Without it the work is the same, only its memory peak higher.
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
