// Entry point of the rule catalogue: runs every check over one file's StatefulSets, adds the file-level
// findings (parse problems, Helm template notice, bad suppression comments), then applies severity overrides
// from settings and suppression comments. A check that throws yields no finding (checkFileStrict rethrows).
import type { AnalysisSettings, CheckInput, Finding, Fix, ParsedFile, Resource, Severity, Span, StatefulSetIdentity, YMap } from '../model';
import { asMap, asSeq, getPath, toStringMap } from '../yamlTree';
import { createReporter, hasTemplateSyntax, LAZY_FIXES, type FileContext, type ReportedFinding, type StatefulSetCheck, type StatefulSetContext } from './checkContext';
import { claimTemplateChecks } from './checks/claimTemplates';
import { governingServiceChecks } from './checks/governingService';
import { metadataChecks } from './checks/metadata';
import { podTemplateChecks } from './checks/podTemplate';
import { selectorChecks } from './checks/selector';
import { specFieldChecks } from './checks/specFields';
import { updateStrategyChecks } from './checks/updateStrategy';
import { volumeChecks } from './checks/volumes';
import { fileLineStarts, offsetToPosition } from '../positions';
import { disableNextLineFix, eolOf } from './fixes';
import { kustomizeFactsFor } from './kustomize';
import { targetVersion } from './kubernetesVersion';
import { nearestValue } from './nearestValue';
import { isRuleId, RULES } from './ruleTable';
import { parseSuppressions } from './suppressions';

export { RULES, ruleById, ruleDocAnchor, isRuleId, RULES_DOC_PATH, type RuleInfo } from './ruleTable';
export { parseRuleFlag, readRuleOverride, readRulesConfig, type RuleSetting } from './ruleOverrides';

/** Every StatefulSet check, in the order their findings are reported for one StatefulSet. */
export const STATEFULSET_CHECKS: readonly StatefulSetCheck[] = [
  ...specFieldChecks,
  ...metadataChecks,
  ...selectorChecks,
  ...governingServiceChecks,
  ...updateStrategyChecks,
  ...podTemplateChecks,
  ...volumeChecks,
  ...claimTemplateChecks,
];


/** Every finding of one file: parse problems plus the catalogue's checks, after severities and suppressions. */
export function checkFile(input: CheckInput): Finding[] {
  return runCatalogue(input, () => undefined);
}

/** Like checkFile, but a check that throws makes this throw too: for tests, so defects are not hidden. */
export function checkFileStrict(input: CheckInput): Finding[] {
  return runCatalogue(input, (name, err) => {
    throw new Error(`check ${name} threw: ${String((err as Error)?.stack ?? err)}`);
  });
}

function runCatalogue(input: CheckInput, onCrash: (checkName: string, err: unknown) => void): Finding[] {
  const { file, workspace, settings } = input;
  const raw: Finding[] = [];
  const report = createReporter(file.uri, raw);
  const version = targetVersion(settings.kubernetesVersion);
  const fileCtx: FileContext = { file, workspace, settings, version, report };

  // Template syntax makes YAML errors meaningless noise: say once that this is a template instead.
  for (const p of file.problems) if (!(file.isTemplate && p.ruleId === 'yaml-syntax')) raw.push(p);
  if (file.isTemplate) guard('helmTemplate', () => reportTemplate(fileCtx), onCrash);

  let suppressions: ReturnType<typeof parseSuppressions> | undefined;
  guard('suppressionComments', () => {
    suppressions = parseSuppressions(file);
    for (const c of suppressions.comments) {
      for (const id of c.ids) {
        if (isRuleId(id.id)) continue;
        const near = nearestValue(id.id, RULES.map((r) => r.id));
        report(
          'unknown-rule-in-comment',
          id.span,
          `Unknown rule id ${JSON.stringify(id.id)} in a statefulset-lens suppression comment: it suppresses nothing.${near ? ` Did you mean ${JSON.stringify(near)}?` : ' See docs/rules.md for the rule ids.'}`,
          undefined,
          near ? [{ title: `Change to '${near}'`, edits: [{ uri: file.uri, span: { ...id.span }, newText: near }], isPreferred: true }] : undefined,
        );
      }
    }
  }, onCrash);

  let kustomize: ReturnType<typeof kustomizeFactsFor> = { listedAsPatch: false, addedLabels: {} };
  guard('kustomize', () => (kustomize = kustomizeFactsFor(file, workspace)), onCrash);

  for (const { resource, identity } of input.statefulSets) {
    const run = () => checkStatefulSet(fileCtx, resource, identity, kustomize, onCrash);
    raw.push(...(input.checked ? input.checked(resource, run) : run()));
  }

  return finish(raw, input, suppressions, onCrash);
}

/**
 * The check findings of one StatefulSet exactly as `checkFile` computes them (before severities and
 * suppressions): for an analysis run in steps, a StatefulSet at a time (`ManifestWorkspace.prepareAnalysis`).
 */
export function statefulSetChecker(input: Pick<CheckInput, 'file' | 'workspace' | 'settings'>): (resource: Resource, identity: StatefulSetIdentity) => Finding[] {
  const { file, workspace, settings } = input;
  const fileCtx: FileContext = { file, workspace, settings, version: targetVersion(settings.kubernetesVersion), report: createReporter(file.uri, []) };
  // A check that crashes is reported by `checkFile` as a finding of its own: here it stops the step instead
  // (the caller leaves that StatefulSet to `checkFile`).
  const crashed = (checkName: string, err: unknown): never => {
    throw new Error(`${checkName} crashed: ${String((err as Error)?.message ?? err)}`);
  };
  const kustomize = kustomizeFactsFor(file, workspace);
  return (resource, identity) => checkStatefulSet(fileCtx, resource, identity, kustomize, crashed);
}

/** The findings of every StatefulSet check on one StatefulSet. */
function checkStatefulSet(
  fileCtx: FileContext,
  resource: Resource,
  identity: StatefulSetIdentity,
  kustomize: ReturnType<typeof kustomizeFactsFor>,
  onCrash: (checkName: string, err: unknown) => void,
): Finding[] {
  const { file } = fileCtx;
  const findings: Finding[] = [];
  const root = resource.node;
  const spec = asMap(getPath(root, 'spec'));
  // Written out rather than spread from fileCtx: this object is made once per StatefulSet, a thousand times for a
  // large file, and a literal of one shape is what the engine makes fastest.
  const ctx: StatefulSetContext = {
    file,
    workspace: fileCtx.workspace,
    settings: fileCtx.settings,
    version: fileCtx.version,
    report: createReporter(file.uri, findings),
    resource,
    identity,
    // A templated name is unknown until rendering: name-derived checks (pod, PVC, FQDN lengths) skip it.
    name: resource.name !== undefined && !(file.isTemplate && resource.name.includes('{{')) ? resource.name : '',
    root,
    spec,
    podSpec: asMap(getPath(spec, 'template', 'spec')),
    isPatch: kustomize.listedAsPatch || looksLikePatch(spec),
    isTemplate: file.isTemplate,
    kustomize,
    templateLabels: { ...(toStringMap(getPath(spec, 'template', 'metadata', 'labels')) ?? {}), ...kustomize.addedLabels },
    templated: (node) => file.isTemplate && hasTemplateSyntax(node, file.text),
  };
  // guard() without a closure per check and StatefulSet.
  for (const check of STATEFULSET_CHECKS) {
    try {
      check.run(ctx);
    } catch (err) {
      onCrash(check.name, err);
    }
  }
  return findings;
}

/**
 * A strategic-merge patch carries only the fields it changes: no selector, and either no pod template or
 * containers without an image (a real StatefulSet's containers always name one).
 */
function looksLikePatch(spec: YMap | undefined): boolean {
  if (getPath(spec, 'selector') !== undefined) return false;
  const template = getPath(spec, 'template');
  if (template === undefined) return true;
  const containers = [...(asSeq(getPath(template, 'spec', 'containers'))?.items ?? []), ...(asSeq(getPath(template, 'spec', 'initContainers'))?.items ?? [])];
  return containers.length > 0 && containers.every((c) => getPath(c, 'image') === undefined);
}

function guard(name: string, fn: () => void, onCrash: (name: string, err: unknown) => void): void {
  try {
    fn();
  } catch (err) {
    onCrash(name, err);
  }
}

function reportTemplate(ctx: FileContext): void {
  // Point at the first template expression outside a comment (a path under templates/ may have none).
  const text = ctx.file.text;
  let span: Span = { start: 0, end: 0 };
  for (const m of text.matchAll(/\{\{[\s\S]*?\}\}/g)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    if (/(^|\s)#/.test(text.slice(lineStart, m.index))) continue;
    span = { start: m.index, end: Math.min(m.index + m[0].length, m.index + 200) };
    break;
  }
  ctx.report(
    'helm-template',
    span,
    'This file is a Helm template: YAML errors caused by template syntax are not reported, and values written as template expressions are not checked. Run helm template and check its output for the full analysis.',
  );
}

/** Rules a suppression comment cannot or should not silence: their findings get no "Disable" fix. */
const NOT_DISABLED_BY_FIX = new Set(['yaml-syntax', 'helm-template', 'unknown-rule-in-comment']);

/**
 * Findings of one file at most: past it the first ones (in text order) are kept and one last finding counts
 * the rest, with the highest severity among them (so a CLI's exit status does not change).
 */
export const MAX_FINDINGS_PER_FILE = 10_000;

const SEVERITY_RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

/**
 * Severity overrides ('off' drops), suppression comments, a stable order, the cap on findings per file, and
 * for each finding kept: the fixes its check left to build (checkContext.ts `LazyFixes`), then the
 * "Disable <id> for this line" fix. Findings left out by the cap get neither.
 */
function finish(raw: ReportedFinding[], input: CheckInput, suppressions: ReturnType<typeof parseSuppressions> | undefined, onCrash: (name: string, err: unknown) => void): Finding[] {
  const overrides = input.settings.rules ?? {};
  const kept: Finding[] = [];
  const text = input.file.text;
  let starts: readonly number[] | undefined;
  let eol: string | undefined;
  // JSON has no comments: a suppression comment would turn the file into YAML.
  const commentable = !/\.json$/i.test(input.file.uri);
  for (const f of raw) {
    const override = Object.prototype.hasOwnProperty.call(overrides, f.ruleId) ? overrides[f.ruleId] : undefined;
    if (override === 'off') continue;
    // The comment that names an unknown id cannot suppress its own report.
    if (f.ruleId !== 'unknown-rule-in-comment' && suppressions?.isSuppressed(f.ruleId, f.span.start)) continue;
    // A new object: parse problems are shared with the cached ParsedFile and must not be changed.
    kept.push(isSeverity(override) ? { ...f, severity: override } : f);
  }
  kept.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId));
  let hidden: Finding | undefined;
  if (kept.length > MAX_FINDINGS_PER_FILE) {
    const rest = kept.splice(MAX_FINDINGS_PER_FILE - 1);
    const severity = rest.reduce<Severity>((s, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[s] ? f.severity : s), 'hint');
    const errors = rest.filter((f) => f.severity === 'error').length;
    hidden = {
      ruleId: 'too-many-findings',
      severity,
      message: `${rest.length} more findings in this file (${errors} of them errors) are not shown: StatefulSet Lens reports ${MAX_FINDINGS_PER_FILE - 1} per file. Fix these first, or split the file.`,
      uri: input.file.uri,
      span: { start: rest[0].span.start, end: rest[0].span.start },
    };
  }
  const out: Finding[] = [];
  for (const f of kept) {
    let finding: Finding = f;
    const lazy = (f as ReportedFinding)[LAZY_FIXES];
    if (lazy) {
      // The finding as the check would have reported it with the fixes built then (same keys, same order).
      const { [LAZY_FIXES]: _, ...reported } = f as ReportedFinding;
      let fixes: Fix[] | undefined;
      try {
        fixes = lazy(input.file);
      } catch (err) {
        // Like a check that throws: no fix rather than no analysis (checkFileStrict rethrows).
        onCrash(`fixes of ${f.ruleId}`, err);
      }
      if (fixes && fixes.length > 0) reported.fixes = fixes;
      finding = reported;
    }
    if (commentable && isRuleId(f.ruleId) && !NOT_DISABLED_BY_FIX.has(f.ruleId) && f.uri === input.file.uri) {
      starts ??= fileLineStarts(input.file);
      eol ??= eolOf(text);
      const line = offsetToPosition(starts, f.span.start).line;
      const disable = disableNextLineFix(text, starts, f.uri, f.ruleId, line, suppressions?.nextLineCommentFor(line), eol);
      finding = { ...finding, fixes: [...(finding.fixes ?? []), disable] };
    }
    out.push(finding);
  }
  if (hidden) out.push(hidden);
  return out;
}

function isSeverity(v: unknown): v is Severity {
  return v === 'error' || v === 'warning' || v === 'information' || v === 'hint';
}

/**
 * Severity overrides, suppression comments and the "Disable <id> for this line" fix for findings computed
 * outside the catalogue's checks (the apply plan, plan.ts), so they obey the same settings and comments.
 */
export function finishFindings(raw: Finding[], file: ParsedFile, settings: AnalysisSettings): Finding[] {
  let suppressions: ReturnType<typeof parseSuppressions> | undefined;
  try {
    suppressions = parseSuppressions(file);
  } catch {
    suppressions = undefined;
  }
  return finish(raw, { file, settings, workspace: { getFile: () => undefined, files: () => [], resources: () => [] }, statefulSets: [] }, suppressions, () => undefined);
}
