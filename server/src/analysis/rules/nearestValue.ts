// Proposes the valid value a mistyped enum value most likely meant (`Paralel` → `Parallel`,
// `ondelete` → `OnDelete`). Pure string math; returns undefined rather than a wild guess.

/** Edit distance (insert, delete, substitute, and swap of two neighbours) between two strings. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (let i = 0; i < rows; i++) d[i][0] = i;
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[rows - 1][cols - 1];
}

/**
 * The valid value closest to `value`: an exact match ignoring case, separators and surrounding blanks first
 * (`ordered-ready` → `OrderedReady`), else the nearest by edit distance within a third of its length.
 */
export function nearestValue(value: string, valid: readonly string[]): string | undefined {
  if (value.length > 200) return undefined;
  const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  const n = norm(value);
  for (const v of valid) if (norm(v) === n) return v;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const v of valid) {
    const dist = editDistance(n, norm(v));
    if (dist < bestDistance) {
      best = v;
      bestDistance = dist;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.floor(best.length / 3));
  return bestDistance <= limit ? best : undefined;
}
