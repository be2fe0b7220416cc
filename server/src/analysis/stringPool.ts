// Shared strings for the analysis tree (see StringPool).

/**
 * One string object for each short text a file's tree repeats: keys (`name`, `image`, …) and common values come
 * thousands of times in a large file, and each would otherwise be a string of its own (a sixth of the tree).
 */
export class StringPool {
  private readonly pool = new Map<string, string>();

  get(s: string): string {
    if (s.length > 48) return s;
    const had = this.pool.get(s);
    if (had !== undefined) return had;
    this.pool.set(s, s);
    return s;
  }
}
