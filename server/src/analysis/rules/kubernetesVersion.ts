// Target-version arithmetic for version-dependent rules: `major.minor` strings compared numerically
// (1.9 < 1.35). Unreadable versions fall back to the default target rather than throwing.

export interface MajorMinor {
  major: number;
  minor: number;
}

export const DEFAULT_KUBERNETES_VERSION: MajorMinor = { major: 1, minor: 35 };

/** Reads `1.35`, `v1.35`, `1.35.2` or `1.35+`; undefined when there is no major.minor. */
export function parseKubernetesVersion(text: string | undefined): MajorMinor | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^\s*v?(\d{1,4})\.(\d{1,4})(?:\.\d+)?\+?\s*$/.exec(text);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

/** Negative when a < b, zero when equal, positive when a > b. */
export function compareVersions(a: MajorMinor, b: MajorMinor): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

/** The target version from settings, or the default (1.35) when the setting is unreadable. */
export function targetVersion(setting: string | undefined): MajorMinor {
  return parseKubernetesVersion(setting) ?? DEFAULT_KUBERNETES_VERSION;
}

/** True when `target` is at least `major.minor`. */
export function atLeast(target: MajorMinor, major: number, minor: number): boolean {
  return compareVersions(target, { major, minor }) >= 0;
}

export function formatVersion(v: MajorMinor): string {
  return `${v.major}.${v.minor}`;
}
