// Glob patterns of the `exclude` setting → a predicate over workspace-relative paths (`/`-separated).
// Supports `**`, `*`, `?`, `{a,b}` and a leading `/` anchoring at the folder; a pattern without a slash
// matches at any depth (`*.tmp`, `charts`). No IO.

function toRegExp(glob: string): RegExp {
  let g = glob.trim().replace(/\\/g, '/');
  const anchored = g.startsWith('/');
  if (anchored) g = g.slice(1);
  if (g.endsWith('/')) g += '**';
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      const slash = g[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = g.indexOf('}', i);
      if (close < 0) re += '\\{';
      else {
        re += `(?:${g.slice(i + 1, close).split(',').map((p) => p.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
        i = close;
      }
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  const prefix = anchored || g.includes('/') ? '^' : '^(?:.*/)?';
  // A pattern naming a folder also excludes everything in it.
  return new RegExp(`${prefix}${re}(?:/.*)?$`);
}

/** A predicate that is true for relative paths matched by any of the patterns. */
export function globMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const res = patterns.filter((p) => p.trim()).map(toRegExp);
  return (relativePath) => res.some((re) => re.test(relativePath));
}
