// Proposes the valid value a mistyped enum value most likely meant (`Paralel` → `Parallel`,
// `ondelete` → `OnDelete`). Pure string math; returns undefined rather than a wild guess.

/** Rows reused by editDistance (the analysis is synchronous, so one set is enough). */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Edit distance (insert, delete, substitute, and swap of two neighbours) between two strings. With `max`, any
 * distance above it is returned as `max + 1` as soon as it is certain, which keeps long lists cheap to search.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  if (rows[0].length < cols) rows = [new Int32Array(cols * 2), new Int32Array(cols * 2), new Int32Array(cols * 2)];
  // Three rolling rows: the swap of two neighbours looks two rows back.
  let [before, prev, cur] = rows;
  for (let j = 0; j < cols; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // Every later cell is at least the smallest of this row, or of the one before plus one (through a swap).
    if (rowMin > max && prevMin + 1 > max) return max + 1;
    prevMin = rowMin;
    [before, prev, cur] = [prev, cur, before];
  }
  return Math.min(prev[cols - 1], max + 1);
}

/**
 * Per list of valid values (by identity): the values normalized, and the answers given so far, since a large
 * file repeats the same mistake in every StatefulSet (thousands of `parallel`s) and each answer costs an edit
 * distance per valid value. A few hundred answers per list at most; past that they are forgotten.
 */
interface ListIndex {
  normalized: string[];
  /** The first index of each normalized value. */
  exact: Map<string, number>;
  /** Two numbers per value: its characters as bits (see charBits). */
  masks: Int32Array;
  /** The largest acceptance limit of the list's values (a third of their length, at least 1). */
  acceptable: number;
  answers: Map<string, string | undefined>;
}
const lists = new WeakMap<readonly string[], ListIndex>();
const MAX_ANSWERS_PER_LIST = 256;

function norm(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * The characters of a string as a set of 64 bits (two numbers): digits and letters each their own bit, anything
 * else shares the rest. A bit one string has and the other lacks stands for at least one character to delete,
 * substitute or insert, and a swap changes no bit, so the larger count of such bits either way is a lower bound of
 * the edit distance: thousands of candidates are ruled out without computing a distance.
 */
function charBits(s: string, masks: Int32Array, at: number): void {
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const bit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : 36 + (c % 28);
    if (bit < 32) lo |= 1 << bit;
    else hi |= 1 << (bit - 32);
  }
  masks[at] = lo;
  masks[at + 1] = hi;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/**
 * The valid value closest to `value`: an exact match ignoring case, separators and surrounding blanks first
 * (`ordered-ready` → `OrderedReady`), else the nearest by edit distance within a third of its length.
 * Of equally near values the first wins. Lists are searched with a bound, so thousands of candidates
 * (every volume of a pod) stay cheap.
 */
export function nearestValue(value: string, valid: readonly string[]): string | undefined {
  if (value.length > 200) return undefined;
  let list = lists.get(valid);
  if (!list) {
    const normalized = valid.map(norm);
    const masks = new Int32Array(normalized.length * 2);
    normalized.forEach((v, i) => charBits(v, masks, i * 2));
    // No value further than the largest acceptance limit can be proposed: distances above it need not be exact.
    let acceptable = 1;
    for (const v of valid) acceptable = Math.max(acceptable, Math.floor(v.length / 3));
    const exact = new Map<string, number>();
    normalized.forEach((v, i) => exact.has(v) || exact.set(v, i));
    list = { normalized, exact, masks, acceptable, answers: new Map() };
    lists.set(valid, list);
  }
  const { answers } = list;
  if (answers.has(value)) return answers.get(value);
  const answer = nearest(value, valid, list);
  if (answers.size >= MAX_ANSWERS_PER_LIST) answers.clear();
  answers.set(value, answer);
  return answer;
}

function nearest(value: string, valid: readonly string[], { normalized, exact, masks, acceptable }: ListIndex): string | undefined {
  const n = norm(value);
  const same = exact.get(n);
  if (same !== undefined) return valid[same];
  const own = new Int32Array(2);
  charBits(n, own, 0);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (let i = 0; i < valid.length; i++) {
    // Only a strictly smaller distance replaces the best; 1 cannot be beaten (0 is the exact match above).
    if (bestDistance <= 1) break;
    const bound = Math.min(bestDistance - 1, acceptable);
    const lo = masks[i * 2];
    const hi = masks[i * 2 + 1];
    const missing = Math.max(popcount(own[0] & ~lo) + popcount(own[1] & ~hi), popcount(lo & ~own[0]) + popcount(hi & ~own[1]));
    if (missing > bound || Math.abs(n.length - normalized[i].length) > bound) continue;
    const dist = editDistance(n, normalized[i], bound);
    if (dist < bestDistance) {
      best = valid[i];
      bestDistance = dist;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.floor(best.length / 3));
  return bestDistance <= limit ? best : undefined;
}
