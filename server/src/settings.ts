// The editor-side settings of the language server (`statefulsetLens.*`): their type, defaults and `normalize`,
// which turns whatever a client sends into a complete, valid Settings value. This file mirrors
// package.json `contributes.configuration` (a test checks they agree); it does no IO and keeps no state.
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings, type Severity } from './analysis/model';

/** The configuration section every key lives under. */
export const SETTINGS_SECTION = 'statefulsetLens';

export type SchemaValidationMode = 'auto' | 'on' | 'off';
export type RuleLevel = Severity | 'off';
/** How Kustomize overlays are rendered (server/src/kustomize/render.ts), or `off`. */
export type KustomizeCommandSetting = 'kubectl kustomize' | 'kustomize build' | 'off';

/** Everything the server reads from the client's configuration, already normalised. */
export interface Settings extends AnalysisSettings {
  codeLens: { enable: boolean };
  /** `auto` validates against the Kubernetes schema unless Red Hat's YAML extension already does. */
  schemaValidation: SchemaValidationMode;
  /** Glob patterns (relative to a workspace folder) of files the workspace scan skips. */
  exclude: string[];
  /** The git revision the apply plan compares with (`HEAD`, a branch such as `origin/main`), or `off`. */
  baseline: string;
  kustomize: { command: KustomizeCommandSetting };
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  ...DEFAULT_ANALYSIS_SETTINGS,
  rules: Object.freeze({}) as Record<string, RuleLevel>,
  codeLens: Object.freeze({ enable: true }),
  schemaValidation: 'auto',
  exclude: Object.freeze([]) as unknown as string[],
  baseline: 'HEAD',
  kustomize: Object.freeze({ command: 'kubectl kustomize' as KustomizeCommandSetting }),
}) as Settings;

/** One setting as package.json declares it: the contract the manifest test and the README list are checked against. */
export interface SettingDeclaration {
  /** Full key, e.g. `statefulsetLens.codeLens.enable`. */
  key: string;
  type: 'string' | 'boolean' | 'object' | 'array';
  default: unknown;
  enum?: string[];
  description: string;
}

export const SETTING_DECLARATIONS: readonly SettingDeclaration[] = [
  { key: 'statefulsetLens.clusterDomain', type: 'string', default: 'cluster.local',
    description: 'DNS domain of the cluster, used to build pod and Service DNS names.' },
  { key: 'statefulsetLens.defaultNamespace', type: 'string', default: 'default',
    description: 'Namespace of resources whose manifest names none.' },
  { key: 'statefulsetLens.kubernetesVersion', type: 'string', default: '1.35',
    description: 'Kubernetes version (major.minor) the manifests target; rules about newer fields depend on it.' },
  { key: 'statefulsetLens.rules', type: 'object', default: {},
    description: 'Per-rule severity overrides, e.g. { "service-not-headless": "off" }. Values: error, warning, information, hint, off.' },
  { key: 'statefulsetLens.codeLens.enable', type: 'boolean', default: true,
    description: 'Show code lenses with the pod, DNS and PVC names and the update order above StatefulSets.' },
  { key: 'statefulsetLens.schemaValidation', type: 'string', default: 'auto', enum: ['auto', 'on', 'off'],
    description: 'Validate StatefulSet, Service and PersistentVolumeClaim documents against the bundled Kubernetes schema. auto: only when Red Hat\'s YAML extension is not already doing it.' },
  { key: 'statefulsetLens.kustomize.command', type: 'string', default: 'kubectl kustomize', enum: ['kubectl kustomize', 'kustomize build', 'off'],
    description: 'How Kustomize overlays are rendered to show what they deploy (trusted workspaces only; never with plugins or exec functions enabled): kubectl kustomize, kustomize build, or off.' },
  { key: 'statefulsetLens.exclude', type: 'array', default: [],
    description: 'Glob patterns of files the workspace scan skips (node_modules and .git are always skipped).' },
  { key: 'statefulsetLens.baseline', type: 'string', default: 'HEAD',
    description: 'Git revision the apply plan compares each StatefulSet with (HEAD, a branch such as origin/main, a commit id), or off for no plan. Read with isomorphic-git; the git binary is never run.' },
];

const SEVERITY_ALIASES: Record<string, RuleLevel> = {
  error: 'error', warning: 'warning', warn: 'warning', information: 'information', info: 'information',
  hint: 'hint', off: 'off', none: 'off', ignore: 'off',
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads a value the way clients send it: nested (`{codeLens: {enable: false}}`, what VS Code returns for a
 * section) or flat with dotted keys (`{"codeLens.enable": false}`, what some Neovim/Emacs configs send).
 */
function pick(raw: Record<string, unknown>, dotted: string): unknown {
  if (dotted in raw) return raw[dotted];
  let cur: unknown = raw;
  for (const part of dotted.split('.')) {
    if (!isRecord(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function nonEmptyString(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/**
 * Turns the raw `statefulsetLens` section (or the whole configuration object holding it) into Settings.
 * Invalid values fall back to their defaults one by one, so one typo never disables everything else.
 */
export function normalize(raw: unknown): Settings {
  let section: Record<string, unknown> = isRecord(raw) ? raw : {};
  if (isRecord(section[SETTINGS_SECTION])) section = section[SETTINGS_SECTION] as Record<string, unknown>;

  const domain = nonEmptyString(pick(section, 'clusterDomain'));
  const clusterDomain = domain ? domain.toLowerCase().replace(/^\.+|\.+$/g, '') || DEFAULT_SETTINGS.clusterDomain : DEFAULT_SETTINGS.clusterDomain;
  const defaultNamespace = nonEmptyString(pick(section, 'defaultNamespace')) ?? DEFAULT_SETTINGS.defaultNamespace;
  const version = pick(section, 'kubernetesVersion');
  const versionText = typeof version === 'number' ? String(version) : nonEmptyString(version);
  const versionMatch = versionText?.replace(/^v/, '').match(/^(\d+)\.(\d+)(\.\d+)?$/);
  const kubernetesVersion = versionMatch ? `${Number(versionMatch[1])}.${Number(versionMatch[2])}` : DEFAULT_SETTINGS.kubernetesVersion;

  const rules: Record<string, RuleLevel> = {};
  const rawRules = pick(section, 'rules');
  if (isRecord(rawRules)) {
    for (const [id, level] of Object.entries(rawRules)) {
      const normalized = typeof level === 'string' ? SEVERITY_ALIASES[level.trim().toLowerCase()] : level === false ? 'off' : undefined;
      if (normalized) rules[id] = normalized;
    }
  }

  const lensEnable = pick(section, 'codeLens.enable');
  const mode = pick(section, 'schemaValidation');
  const schemaValidation: SchemaValidationMode =
    mode === 'on' || mode === 'off' || mode === 'auto' ? mode : mode === true ? 'on' : mode === false ? 'off' : DEFAULT_SETTINGS.schemaValidation;
  const rawExclude = pick(section, 'exclude');
  const exclude = Array.isArray(rawExclude) ? rawExclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '').map((g) => g.trim()) : [];

  const rawBaseline = nonEmptyString(pick(section, 'baseline'));
  // A revision name has no spaces or control characters; anything else falls back to HEAD.
  const baseline = rawBaseline === undefined || /[\s\x00-\x1f~^:?*[\\]/.test(rawBaseline) ? DEFAULT_SETTINGS.baseline : /^off$/i.test(rawBaseline) ? 'off' : rawBaseline;
  const kustomizeCommand = pick(section, 'kustomize.command');
  const kustomize = {
    command: kustomizeCommand === 'kubectl kustomize' || kustomizeCommand === 'kustomize build' || kustomizeCommand === 'off' ? kustomizeCommand : DEFAULT_SETTINGS.kustomize.command,
  } as Settings['kustomize'];

  return {
    clusterDomain,
    defaultNamespace,
    kubernetesVersion,
    rules,
    codeLens: { enable: typeof lensEnable === 'boolean' ? lensEnable : DEFAULT_SETTINGS.codeLens.enable },
    schemaValidation,
    exclude,
    baseline,
    kustomize,
  };
}

/** The part of the settings the pure analysis depends on (and caches by). */
export function analysisSettingsOf(settings: Settings): AnalysisSettings {
  return {
    clusterDomain: settings.clusterDomain,
    defaultNamespace: settings.defaultNamespace,
    kubernetesVersion: settings.kubernetesVersion,
    rules: settings.rules,
  };
}

/** Whether schema diagnostics are shown, given the client's report of Red Hat's YAML extension. */
export function schemaValidationEnabled(settings: Settings, redHatYamlActive: boolean): boolean {
  return settings.schemaValidation === 'on' || (settings.schemaValidation === 'auto' && !redHatYamlActive);
}
