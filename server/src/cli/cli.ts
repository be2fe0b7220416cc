#!/usr/bin/env node
// The `statefulset-lens` command line: `preview` prints what StatefulSets will produce, `check` prints findings
// for CI. It reads files and folders into one ManifestWorkspace (so Services resolve across files) and prints;
// all reasoning lives in the pure analysis. Exit codes: 0 ok, 1 error findings (check), 2 usage or input errors.
// `check --fix` writes the analysis' preferred fixes back (the only file writes; atomic, see writeFilesAtomically).
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fchmodSync, fchownSync, fstatSync, fsyncSync, openSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { collectGarbage } from '../collectGarbage';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace, planFile, type AnalysisSettings, type FileAnalysis, type StatefulSetIdentity } from '../analysis/index';
import { planPreferredFixes } from './fixes';
import { painter, previewJson, renderFindingsText, renderPreviewText, spanJson, writeJson, type Paint } from './output';
import { extractBaselineFlag, loadCliBaselines, planJson, renderPlanText, withPlanFindings } from './plan';
import { cliRuleSeverities } from './rules';
import { runKustomize } from './kustomize';
import { buildSarifLog } from './sarif';
import { buildCodeClimateReport } from './codeClimate';
import { unifiedDiff } from './unifiedDiff';

const VERSION = '0.1.0';

const HELP = `statefulset-lens ${VERSION} — see what a Kubernetes StatefulSet will produce, and catch its mistakes.

Usage:
  statefulset-lens preview <file|dir>... [options]   pods, DNS names, PVCs, ordering, updates, retention
  statefulset-lens check   <file|dir>... [options]   findings as path:line:col severity rule-id message
  statefulset-lens plan    <file|dir>... [options]   what kubectl apply does to the StatefulSets running as
                                                     the git baseline, and what the API server refuses
  statefulset-lens preview --kustomize DIR [options]  what a Kustomize overlay deploys (rendered by kubectl kustomize)
  statefulset-lens check   --kustomize DIR [options]  findings of the rendered overlay, on the lines that caused them
  statefulset-lens --help | --version

Folders are searched recursively for *.yaml and *.yml files (node_modules and .git are skipped). All files
given are read together, so a StatefulSet finds its headless Service in another file.

Options:
  --format text|json|sarif|codeclimate
                             output format (default text; sarif and codeclimate, GitLab's code quality
                             report, are for check only)
  --cluster-domain DOMAIN    cluster DNS domain (default cluster.local)
  --namespace NAMESPACE      namespace of resources that name none (default default)
  --kubernetes-version X.Y   target Kubernetes version for version-dependent rules (default 1.35)
  --rule ID=SEVERITY         set a rule's severity: off, hint, information, warning or error (repeatable)
  --config FILE              JSON file: {"rules": {"ID": "SEVERITY"}, "clusterDomain": …, "kubernetesVersion": …}
  --no-color                 never colour the output (colour is used only on a terminal)
  --fix                      check: apply each finding's preferred fix (the one obvious correction, such as an
                             enum typo), write the files back, then report what remains
  --fix-dry-run              check: print the changes --fix would make as a unified diff; write nothing
  --baseline REV             plan (default HEAD) and check: compare with the files at this git revision (HEAD,
                             a branch such as origin/main, a tag or a commit id); check then adds the plan's
                             findings (immutable-field-changed, statefulset-renamed, …). Git is read with
                             isomorphic-git; the git binary is never run
  --kustomize DIR            render the overlay DIR with Kustomize and use what it deploys (repeatable)
  --kustomize-command CMD    'kubectl kustomize' (default) or 'kustomize build'; never run with plugins enabled

--fix edits only files that were read (the inputs), keeps their line breaks and byte order mark, writes each
through a temporary file in its folder and a rename, and skips a fix whose edits overlap one already taken
(run again to apply it). It prints "fixed N findings in M files" on stderr; the exit status is computed on the
findings that remain (for --fix-dry-run, on those that would remain).

Exit status:
  0  no error-level findings (check) or preview printed
  1  check found at least one error-level finding, or plan found a change the API server refuses
  2  bad usage, or a file or folder that cannot be read (or, with --fix, written), or a file that is not
     UTF-8 (UTF-16 or UTF-32: named on stderr and not read; the other files are still checked)

Examples:
  statefulset-lens preview examples/random-generator.yaml
  statefulset-lens check k8s/ --format sarif > statefulset-lens.sarif
  statefulset-lens check k8s/ --fix-dry-run
  statefulset-lens plan k8s/ --baseline origin/main
`;

class UsageError extends Error {}

interface Options {
  command: 'preview' | 'check' | 'plan';
  inputs: string[];
  format: 'text' | 'json' | 'sarif' | 'codeclimate';
  color: boolean;
  settings: AnalysisSettings;
  /** `--fix` writes the preferred fixes, `--fix-dry-run` prints them as a diff. */
  fix: 'off' | 'write' | 'dry-run';
  /** `--kustomize DIR`: overlays to render (kustomize.ts); `--kustomize-command`. */
  kustomize: string[];
  kustomizeCommand: 'kubectl kustomize' | 'kustomize build';
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return 'help';
  if (argv.includes('--version') || argv.includes('-v')) return 'version';
  const [command, ...rest] = argv;
  if (command !== 'preview' && command !== 'check' && command !== 'plan') throw new UsageError(`unknown command '${command}': use 'preview', 'check' or 'plan' (see --help)`);
  const settings: AnalysisSettings = { ...DEFAULT_ANALYSIS_SETTINGS, rules: {} };
  const ruleArgs: string[] = [];
  let configFile: string | undefined;
  let format: Options['format'] = 'text';
  let color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  let fix: Options['fix'] = 'off';
  const inputs: string[] = [];
  const kustomize: string[] = [];
  let kustomizeCommand: Options['kustomizeCommand'] = 'kubectl kustomize';
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (arg.startsWith('--') && eq > 0) return arg.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json' && f !== 'sarif' && f !== 'codeclimate') throw new UsageError(`--format must be text, json, sarif or codeclimate, not '${f}'`);
        if ((f === 'sarif' || f === 'codeclimate') && command !== 'check') throw new UsageError(`--format ${f} is available for check only`);
        format = f;
        break;
      }
      case '--cluster-domain':
        settings.clusterDomain = value().replace(/^\.+|\.+$/g, '');
        if (!settings.clusterDomain) throw new UsageError('--cluster-domain must not be empty');
        break;
      case '--namespace':
        settings.defaultNamespace = value();
        if (!settings.defaultNamespace) throw new UsageError('--namespace must not be empty');
        break;
      case '--kubernetes-version': {
        const v = value();
        if (!/^1\.\d+$/.test(v)) throw new UsageError(`--kubernetes-version must look like 1.35, not '${v}'`);
        settings.kubernetesVersion = v;
        break;
      }
      case '--rule':
        ruleArgs.push(value());
        break;
      case '--config':
        configFile = value();
        break;
      case '--no-color':
        color = false;
        break;
      case '--color':
        color = true;
        break;
      case '--fix':
      case '--fix-dry-run': {
        if (command !== 'check') throw new UsageError(`${flag} is available for check only`);
        const mode = flag === '--fix' ? 'write' : 'dry-run';
        if (fix !== 'off' && fix !== mode) throw new UsageError('use --fix or --fix-dry-run, not both');
        fix = mode;
        break;
      }
      case '--kustomize':
        kustomize.push(value());
        break;
      case '--kustomize-command': {
        const c = value();
        if (c !== 'kubectl kustomize' && c !== 'kustomize build') throw new UsageError(`--kustomize-command must be 'kubectl kustomize' or 'kustomize build', not '${c}'`);
        kustomizeCommand = c;
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}' (see --help)`);
        inputs.push(arg);
    }
  }
  if (kustomize.length && inputs.length) throw new UsageError('give either files and folders or --kustomize DIR, not both');
  if (kustomize.length && fix !== 'off') throw new UsageError('--fix and --fix-dry-run do not apply to --kustomize (fix the files the findings point at)');
  if (inputs.length === 0 && kustomize.length === 0) throw new UsageError(`${command} needs at least one file or folder`);
  // The dry run's output is the diff; a JSON or SARIF document around it would be neither.
  if (fix === 'dry-run' && format !== 'text') throw new UsageError(`--fix-dry-run prints a diff and takes no --format ${format}`);
  const rules = cliRuleSeverities(ruleArgs, configFile, settings, (msg) => new UsageError(msg));
  return { command, inputs, format, color, settings: { ...settings, rules }, fix, kustomize, kustomizeCommand };
}

/** Expands files and folders into YAML file paths; throws a UsageError naming the first unreadable input. */
function collectFiles(inputs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (err) {
      throw new InputError(`cannot read folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    for (const name of entries) {
      if (name === 'node_modules' || name === '.git') continue;
      const p = path.join(dir, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue; // a dangling symlink inside a folder is not an input the user named
      }
      if (st.isDirectory()) walk(p);
      else if (/\.ya?ml$/i.test(name)) out.push(p);
    }
  };
  for (const input of inputs) {
    let st;
    try {
      st = statSync(input);
    } catch (err) {
      throw new InputError(`cannot read ${input}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (err as Error).message}`);
    }
    if (st.isDirectory()) walk(input);
    else out.push(input);
  }
  return [...new Set(out)];
}

class InputError extends Error {}

/**
 * The name of the encoding when `bytes` are UTF-16 or UTF-32 rather than UTF-8: a byte order mark, or (without
 * one) NUL bytes in every other position of the start, which YAML text in UTF-8 never has.
 */
function wideEncodingOf(bytes: Buffer): string | undefined {
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x0000feff) return 'UTF-32LE (byte order mark FF FE 00 00)';
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x0000feff) return 'UTF-32BE (byte order mark 00 00 FE FF)';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE (byte order mark FF FE)';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE (byte order mark FE FF)';
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  if (oddNul >= half * 0.9 && evenNul === 0) return 'UTF-16LE (no byte order mark)';
  if (evenNul >= half * 0.9 && oddNul === 0) return 'UTF-16BE (no byte order mark)';
  return undefined;
}

/**
 * Reads every file into one workspace; `raw` receives each file's bytes (--fix compares them before writing).
 * A file in UTF-16 or UTF-32 is not read (decoded as UTF-8 it would be junk that yields no finding, a silent
 * pass): it is named in `unread` with the reason, and left out of `files`.
 */
function loadWorkspace(files: string[], raw?: Map<string, Buffer>, unread: string[] = []): ManifestWorkspace {
  // Nothing is edited after the analysis (a --fix re-reads whole files): results are not kept for edits.
  const ws = new ManifestWorkspace({ keepForEdits: false });
  for (const f of [...files]) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(f);
    } catch (err) {
      throw new InputError(`cannot read ${f}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const wide = wideEncodingOf(bytes);
    if (wide) {
      unread.push(`${f} is ${wide}, not UTF-8: it was not read (convert it with iconv -f ${wide.split(' ')[0]} -t UTF-8)`);
      files.splice(files.indexOf(f), 1);
      continue;
    }
    raw?.set(f, bytes);
    // Decoded as readFileSync(f, 'utf8') does: a byte order mark stays in the text as U+FEFF.
    ws.setFile(f, bytes.toString('utf8'));
  }
  return ws;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * --fix and --fix-dry-run: applies the plan of fixes.ts (the preferred fix of every finding that can go
 * with the others), reports the fixes skipped, writes the files (or prints the diff), and puts the new texts
 * into the workspace so the caller re-analyses what remains. Throws an InputError naming a file that cannot be
 * written; then no file has been changed.
 */
function applyPreferredFixes(ws: ManifestWorkspace, files: string[], raw: Map<string, Buffer>, analyses: { current: FileAnalysis[] }, mode: 'write' | 'dry-run'): void {
  // A file whose bytes are not valid UTF-8 would not survive decoding and encoding again: it is left alone.
  const roundTrips = new Map<string, boolean>();
  const refuse = (f: string) => {
    let ok = roundTrips.get(f);
    if (ok === undefined) roundTrips.set(f, (ok = Buffer.from(ws.getFile(f)?.text ?? '', 'utf8').equals(raw.get(f) ?? Buffer.alloc(0))));
    return ok ? undefined : 'is not valid UTF-8, so it is left as it is';
  };
  const plan = planPreferredFixes(ws, files, analyses.current.flatMap((a) => a.findings), refuse);
  for (const line of plan.skipped) process.stderr.write(`statefulset-lens: ${line}\n`);
  if (mode === 'dry-run') {
    for (const c of plan.changes) process.stdout.write(unifiedDiff(c.file, c.text, c.edits));
  } else {
    writeFilesAtomically(plan.changes.map((c) => [c.file, c.newText]), raw);
  }
  const { fixed } = plan;
  const changed = plan.changes.map((c) => [c.file, c.newText] as const);
  // The first analysis (findings and fixes of every file) and the plan's edits go before the files are parsed
  // again: a large file's findings would otherwise be held through its second parse.
  analyses.current = [];
  plan.changes.length = 0;
  // Their trees go too, and when the heap is large they are collected before the new texts are parsed: otherwise
  // V8 lets the heap grow past the garbage of the first analysis while it builds the second (3000 StatefulSets:
  // 430 MB instead of 300).
  for (const [file] of changed) ws.removeFile(file);
  if (process.memoryUsage().heapUsed >= 64 * 1024 * 1024) collectGarbage();
  for (const [file, text] of changed) ws.setFile(file, text);
  process.stderr.write(`${mode === 'write' ? 'fixed' : 'would fix'} ${plural(fixed, 'finding')} in ${plural(changed.length, 'file')}\n`);
}

/**
 * Replaces each file's content without ever leaving it half written: every new text goes to a temporary file
 * beside its target (same folder, so the rename stays on one file system), flushed to disk; only when all are
 * written are they renamed over their targets. A failure before that removes the temporaries and changes
 * nothing. A symlink is followed (its target is replaced, the link stays); mode and owner are kept. A file
 * that changed on disk since it was read is refused rather than overwritten.
 */
function writeFilesAtomically(changes: [string, string][], raw: Map<string, Buffer>): void {
  const pending: { file: string; target: string; temp: string }[] = [];
  const cleanUp = () => {
    for (const p of pending) rmSync(p.temp, { force: true });
  };
  let current = '';
  try {
    for (const [file, text] of changes) {
      current = file;
      const target = realpathSync(file);
      if (!readFileSync(target).equals(raw.get(file) ?? Buffer.alloc(0))) throw new InputError(`cannot write ${file}: it changed on disk while being checked; nothing was written`);
      // The rename below needs only the folder to be writable: a file the user may not write (mode 0444, or
      // owned by another user) would be replaced all the same. Ask about the file itself first.
      try {
        accessSync(target, constants.W_OK);
      } catch (err) {
        throw new InputError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code === 'EACCES' || (err as NodeJS.ErrnoException).code === 'EPERM' ? 'it is read-only for this user' : ((err as NodeJS.ErrnoException).code ?? (err as Error).message)}; nothing was written`);
      }
      const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.statefulset-lens.tmp`);
      const fd = openSync(temp, 'wx', 0o600);
      pending.push({ file, target, temp });
      try {
        writeFileSync(fd, text, 'utf8');
        const st = statSync(target);
        fchmodSync(fd, st.mode & 0o7777);
        if (fstatSync(fd).uid !== st.uid || fstatSync(fd).gid !== st.gid) {
          try {
            fchownSync(fd, st.uid, st.gid);
          } catch {
            // Only root may give a file away; anyone else writes files they own, as an editor saving would.
          }
        }
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  } catch (err) {
    cleanUp();
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot write ${current}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}; nothing was written`);
  }
  for (let i = 0; i < pending.length; i++) {
    try {
      renameSync(pending[i].temp, pending[i].target);
    } catch (err) {
      const done = pending.slice(0, i).map((p) => p.file);
      const left = pending.slice(i);
      for (const p of left) rmSync(p.temp, { force: true });
      throw new InputError(
        `cannot write ${pending[i].file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` + (done.length ? ` (already fixed: ${done.join(', ')})` : '; nothing was written'),
      );
    }
  }
}

function writePreview(ws: ManifestWorkspace, ids: StatefulSetIdentity[], format: Options['format'], paint: Paint): void {
  if (format === 'json') writeJson(previewJson(ws, ids), (chunk) => process.stdout.write(chunk));
  else process.stdout.write(renderPreviewText(ws, ids, paint) + '\n');
}

async function main(argv: string[]): Promise<number> {
  let opts: Options | 'help' | 'version';
  const baselineFlag = extractBaselineFlag(argv);
  try {
    if (baselineFlag.error) throw new UsageError(baselineFlag.error);
    if (baselineFlag.revision !== undefined && argv[0] === 'preview') throw new UsageError('--baseline is available for check and plan only');
    opts = parseArgs(baselineFlag.argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`statefulset-lens: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (opts === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (opts === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (opts.kustomize.length) {
    if (opts.command === 'plan' || opts.format === 'codeclimate') {
      process.stderr.write(`statefulset-lens: --kustomize works with preview and check, in text, json or sarif (not ${opts.command === 'plan' ? 'plan' : '--format codeclimate'})\n`);
      return 2;
    }
    return runKustomize({
      command: opts.command, dirs: opts.kustomize, format: opts.format, paint: painter(opts.color), settings: opts.settings,
      engine: opts.kustomizeCommand, toolVersion: VERSION, write: (stream, text) => process[stream].write(text),
    });
  }
  let ws: ManifestWorkspace;
  let files: string[];
  const raw = new Map<string, Buffer>();
  const unread: string[] = [];
  try {
    files = collectFiles(opts.inputs);
    ws = loadWorkspace(files, opts.fix === 'off' ? undefined : raw, unread);
  } catch (err) {
    if (err instanceof InputError || err instanceof UsageError) {
      process.stderr.write(`statefulset-lens: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  for (const line of unread) process.stderr.write(`statefulset-lens: ${line}\n`);
  const status = (findingsStatus: number) => (unread.length > 0 ? 2 : findingsStatus);
  const paint = painter(opts.color);
  if (opts.command === 'preview') {
    // The preview shows identities only: the rules' checks (and their findings) are not needed for it.
    const ids = files.flatMap((f) => (ws.getFile(f)?.resources ?? []).filter((r) => r.recognized === 'StatefulSet').map((r) => ws.identityOf(r, opts.settings)));
    writePreview(ws, ids, opts.format, paint);
    return status(0);
  }
  let analyses = files.map((f) => ws.analyzeFile(f, opts.settings));
  if (opts.fix !== 'off') {
    const first = { current: analyses };
    analyses = [];
    try {
      applyPreferredFixes(ws, files, raw, first, opts.fix);
    } catch (err) {
      if (err instanceof InputError) {
        process.stderr.write(`statefulset-lens: ${err.message}\n`);
        return 2;
      }
      throw err;
    }
    analyses = files.map((f) => ws.analyzeFile(f, opts.settings));
  }
  if (opts.command === 'plan' || baselineFlag.revision !== undefined) {
    for (const reason of await loadCliBaselines(ws, files, baselineFlag.revision ?? 'HEAD')) process.stderr.write(`statefulset-lens: ${reason}\n`);
  }
  if (opts.command === 'plan') {
    const plans = files.map((f) => planFile(ws, f, opts.settings));
    if (opts.format === 'json') process.stdout.write(JSON.stringify(planJson(ws, plans), null, 2) + '\n');
    else process.stdout.write(renderPlanText(ws, plans, paint) + '\n');
    return plans.some((p) => p.statefulSets.some((s) => s.steps.some((step) => step.kind === 'refused'))) ? 1 : 0;
  }
  if (baselineFlag.revision !== undefined) analyses = withPlanFindings(ws, analyses, opts.settings);
  const findings = analyses.flatMap((a) => a.findings);
  if (opts.format === 'json') {
    const out = findings.map((f) => ({ file: f.uri, ...spanJson(ws, f.uri, f.span), severity: f.severity, rule: f.ruleId, message: f.message }));
    writeJson(out, (chunk) => process.stdout.write(chunk));
  } else if (opts.format === 'sarif') {
    const log = buildSarifLog(
      analyses.map((a) => ({ uri: a.uri, text: ws.getFile(a.uri)?.text ?? '', findings: a.findings })),
      { baseUri: process.cwd(), toolVersion: VERSION },
    );
    writeJson(log, (chunk) => process.stdout.write(chunk), 6);
  } else if (opts.format === 'codeclimate') {
    const report = buildCodeClimateReport(analyses.map((a) => ({ uri: a.uri, text: ws.getFile(a.uri)?.text ?? '', findings: a.findings })), process.cwd());
    writeJson(report, (chunk) => process.stdout.write(chunk));
  } else if (findings.length && opts.fix !== 'dry-run') {
    // A dry run's stdout is the diff; the findings' positions would point into text that was not written.
    process.stdout.write(renderFindingsText(ws, findings, paint) + '\n');
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (opts.format === 'text') {
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    process.stderr.write(`${files.length} file${files.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${findings.length - errors - warnings} other\n`);
  }
  return status(errors > 0 ? 1 : 0);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`statefulset-lens: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 2;
  },
);
