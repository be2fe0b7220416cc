// Applying fix edits (model.ts `FixEdit`) to texts, and choosing which fixes of many can be applied together:
// the one implementation shared by the CLI's --fix and --fix-dry-run and by the tests that apply every fix.
// Pure string arithmetic over UTF-16 spans; no IO, and nothing here decides which fix is right.
import type { Fix, FixEdit, Span } from './model';

/** Replace `span` of one text with `newText` (an empty span inserts). */
export interface TextEdit {
  span: Span;
  newText: string;
}

export type ApplyEditsResult = { ok: true; text: string } | { ok: false; problem: string };

/**
 * Edits in the order they apply: by start, then end, keeping the given order among equals (so several
 * insertions at one offset land in the order written, and an insertion before a replacement starting there).
 */
export function sortEdits<E extends TextEdit>(edits: readonly E[]): E[] {
  return edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.span.start - b.e.span.start || a.e.span.end - b.e.span.end || a.i - b.i)
    .map((x) => x.e);
}

/** Why `edit` cannot apply to a text of `length` code units, or undefined when its span lies inside it. */
function rangeProblem(edit: TextEdit, length: number): string | undefined {
  const { start, end } = edit.span;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > length) {
    return `the edit of [${start}, ${end}) lies outside the text (length ${length})`;
  }
  return undefined;
}

/**
 * Whether two edits of one text cannot both apply. Edits that only touch (one ends where the other starts)
 * are fine; an insertion strictly inside a replaced range is not, and neither are two insertions at one offset
 * from different fixes, whose order nothing decides (`sameFix` allows them: the fix's own order decides).
 */
export function editsConflict(a: TextEdit, b: TextEdit, sameFix = false): boolean {
  const aEmpty = a.span.start === a.span.end;
  const bEmpty = b.span.start === b.span.end;
  if (aEmpty && bEmpty) return !sameFix && a.span.start === b.span.start;
  return a.span.start < b.span.end && b.span.start < a.span.end;
}

/**
 * The text with every edit applied, each edit's span meaning the ORIGINAL text (so edits need not be
 * adjusted for one another). Refuses, rather than guesses, when an edit lies outside the text or two overlap.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): ApplyEditsResult {
  const sorted = sortEdits(edits);
  for (const e of sorted) {
    const problem = rangeProblem(e, text.length);
    if (problem) return { ok: false, problem };
  }
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (cur.span.start < prev.span.end) {
      return { ok: false, problem: `the edits of [${prev.span.start}, ${prev.span.end}) and [${cur.span.start}, ${cur.span.end}) overlap` };
    }
  }
  // Built front to back from pieces of the original: the same result as applying from the end backwards
  // (which keeps earlier spans valid), without copying a large file once per edit.
  const pieces: string[] = [];
  let at = 0;
  for (const e of sorted) {
    pieces.push(text.slice(at, e.span.start), e.newText);
    at = e.span.end;
  }
  pieces.push(text.slice(at));
  return { ok: true, text: pieces.join('') };
}

/** A fix offered for selection, with whatever the caller needs to report on it (its finding, usually). */
export interface FixCandidate {
  fix: Fix;
}

export interface FixSelection<C extends FixCandidate> {
  /** Candidates whose edits are all in `edits` (or that repeat edits already there exactly), in input order. */
  accepted: C[];
  /** Candidates left out, each with the reason, in input order. */
  skipped: { candidate: C; reason: string }[];
  /** uri → the accepted edits of that file, in application order; applyEdits takes them as they are. */
  edits: Map<string, FixEdit[]>;
}

const sameEdit = (a: FixEdit, b: FixEdit) => a.uri === b.uri && a.span.start === b.span.start && a.span.end === b.span.end && a.newText === b.newText;

/**
 * The edits taken in one file, kept sorted by (start, end). They never conflict with one another, so their
 * ends rise with their starts, and the edits an edit could conflict with or repeat form one short run found
 * by binary search: choosing among 80,000 fixes stays n log n rather than n².
 */
class TakenEdits {
  private readonly edits: { edit: FixEdit; title: string }[] = [];

  /** The taken edits that touch or overlap [start, end] (an insertion there conflicts with, or repeats, them). */
  near(edit: FixEdit): { edit: FixEdit; title: string }[] {
    const list = this.edits;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].edit.span.end < edit.span.start) lo = mid + 1;
      else hi = mid;
    }
    const out: { edit: FixEdit; title: string }[] = [];
    for (let i = lo; i < list.length && list[i].edit.span.start <= edit.span.end; i++) out.push(list[i]);
    return out;
  }

  add(edit: FixEdit, title: string): void {
    const list = this.edits;
    let lo = 0;
    let hi = list.length;
    // After every edit that sorts before or with it: insertions at one offset keep the order taken.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid].edit.span;
      if (s.start < edit.span.start || (s.start === edit.span.start && s.end <= edit.span.end)) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, { edit, title });
  }

  /** In application order (by start, then end, then the order taken). */
  all(): FixEdit[] {
    return this.edits.map((t) => t.edit);
  }
}

/**
 * Chooses fixes that can be applied together, first come first served: a fix is taken whole or not at all
 * (its edits may span files), and is skipped when it edits a file `textOf` does not know (one not read, or one
 * the caller may not change), when an edit lies outside its file's text, when its own edits overlap, or when
 * it overlaps a fix already taken. A fix whose every edit was already taken (two findings, one correction) is
 * accepted without adding edits.
 */
export function selectFixes<C extends FixCandidate>(candidates: readonly C[], textOf: (uri: string) => string | undefined): FixSelection<C> {
  const taken = new Map<string, TakenEdits>();
  const accepted: C[] = [];
  const skipped: { candidate: C; reason: string }[] = [];
  const isTaken = (e: FixEdit) => taken.get(e.uri)?.near(e).some((t) => sameEdit(t.edit, e)) ?? false;
  for (const candidate of candidates) {
    const { fix } = candidate;
    const reason = ((): string | undefined => {
      if (fix.edits.length === 0) return 'it has no edits';
      for (const e of fix.edits) {
        const text = textOf(e.uri);
        if (text === undefined) return `it edits ${e.uri}, which is not among the files read`;
        const problem = rangeProblem(e, text.length);
        if (problem) return `${problem} of ${e.uri}`;
      }
      for (let i = 0; i < fix.edits.length; i++) {
        for (let j = i + 1; j < fix.edits.length; j++) {
          if (fix.edits[i].uri === fix.edits[j].uri && editsConflict(fix.edits[i], fix.edits[j], true)) return `its own edits of ${fix.edits[i].uri} overlap`;
        }
      }
      if (fix.edits.every(isTaken)) return undefined;
      for (const e of fix.edits) {
        const clash = taken.get(e.uri)?.near(e).find((t) => editsConflict(t.edit, e));
        if (clash) return `its edits of ${e.uri} overlap those of "${clash.title}"`;
      }
      return undefined;
    })();
    if (reason) {
      skipped.push({ candidate, reason });
      continue;
    }
    accepted.push(candidate);
    for (const e of fix.edits) {
      if (isTaken(e)) continue;
      let list = taken.get(e.uri);
      if (!list) taken.set(e.uri, (list = new TakenEdits()));
      list.add(e, fix.title);
    }
  }
  const edits = new Map<string, FixEdit[]>();
  for (const [uri, list] of taken) edits.set(uri, list.all());
  return { accepted, skipped, edits };
}
