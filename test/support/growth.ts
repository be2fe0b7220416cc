// Complexity checks that hold on a loaded machine: instead of a wall-clock budget, compare the time of the
// same work at two sizes measured in the same test. Linear work grows about 10 times from n/10 to n, quadratic
// work about 100 times; a busy machine slows both measurements alike, so the ratio stays meaningful.
import { performance } from 'node:perf_hooks';

function bestOf(times: number, run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** How many times longer `run(n)` takes than `run(n / 10)`, each the best of a few runs. */
export function growthFactor(run: (n: number) => void, n: number): { factor: number; small: number; large: number } {
  run(Math.max(1, Math.floor(n / 10))); // warm up the JIT on the small size
  const small = bestOf(3, () => run(Math.max(1, Math.floor(n / 10))));
  const large = bestOf(2, () => run(n));
  return { factor: large / Math.max(small, 0.5), small, large };
}

/** Ten times the input may cost at most this many times the time: well above linear (10), well below quadratic (100). */
export const LINEAR_GROWTH_LIMIT = 35;
