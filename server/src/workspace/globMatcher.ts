// Glob patterns of the `exclude` setting → a predicate over workspace-relative paths (`/`-separated), matched by
// picomatch with VS Code's files.exclude habits: `*` and `**` match dot files, `[a-z]` / `[!a-z]` classes and
// `{a,b}` work, a pattern without a slash matches a name at any depth (`*.tmp`, `charts`), a leading `/` anchors
// at the folder, a pattern naming a folder also covers everything in it, and `!pattern` takes back what an
// earlier pattern excluded (the last pattern that matches decides, as in .gitignore). No IO.
import picomatch from 'picomatch';

interface CompiledPattern {
  negated: boolean;
  test: (path: string) => boolean;
}

function compile(raw: string): CompiledPattern | undefined {
  let glob = raw.trim().replace(/\\/g, '/');
  // `!` starts a negation only at the front; `[!a]` inside is picomatch's own class negation.
  const negated = glob.startsWith('!');
  if (negated) glob = glob.slice(1);
  const anchored = glob.startsWith('/');
  if (anchored) glob = glob.replace(/^\/+/, '');
  glob = glob.replace(/\/+$/, '');
  if (!glob) return undefined;
  // VS Code writes a negated class `[!0-9]`; picomatch reads `[!` as a literal `!` in the class, `[^` as negation.
  glob = glob.replace(/\[!/g, '[^');
  const test = picomatch(glob, { dot: true, basename: !anchored && !glob.includes('/') });
  return { negated, test };
}

/** `a/b/c` → `a`, `a/b`, `a/b/c`: a folder pattern matching any ancestor covers the path. */
function selfAndAncestors(relativePath: string): string[] {
  const parts = relativePath.split('/').filter(Boolean);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

export interface ExcludeMatcher {
  /** True when the path is excluded. */
  (relativePath: string): boolean;
  /**
   * True when a folder can be skipped whole: it is excluded and no negation could take back a path under it.
   * With any `!` pattern, folders are walked and their files judged one by one.
   */
  skipsFolder(relativePath: string): boolean;
}

/** A predicate that is true for relative paths matched by the patterns (`!` patterns re-include). */
export function globMatcher(patterns: readonly string[]): ExcludeMatcher {
  const compiled = patterns.flatMap((p) => compile(p) ?? []);
  const hasNegation = compiled.some((c) => c.negated);
  const excluded = (relativePath: string): boolean => {
    const candidates = selfAndAncestors(relativePath.replace(/\\/g, '/'));
    let result = false;
    for (const c of compiled) if (candidates.some((p) => c.test(p))) result = !c.negated;
    return result;
  };
  return Object.assign(excluded, { skipsFolder: (relativePath: string) => !hasNegation && excluded(relativePath) });
}
