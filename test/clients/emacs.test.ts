// Runs the real server under Emacs (Debian's 28.2, batch mode) with Eglot and with lsp-mode, each configured by
// the snippet docs/emacs.md publishes, on a copy of examples/random-generator.yaml, and checks what a user sees.
// Skips with one line when emacs or a client package is missing, unless STATEFULSET_LENS_REQUIRE_EDITORS=1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SERVER_JS } from '../support/lspClient';
import { positionOf, readExample } from '../support/lspFixtures';
import { repoRoot } from '../support/paths';

const required = process.env.STATEFULSET_LENS_REQUIRE_EDITORS === '1';
const INSTALL = 'apt-get install -y --no-install-recommends emacs-nox elpa-eglot elpa-lsp-mode elpa-yaml-mode';
const DOCUMENTED_SERVER = '/path/to/statefulset-lens/dist/server.js';

/** Which of the Lisp packages the scripts need Emacs can find (-Q plus Debian's elpa folder, as the scripts do). */
function emacsPackages(): Set<string> | undefined {
  const probe = spawnSync('emacs', ['--batch', '-Q', '--eval', `(progn (require 'package)
    (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
    (setq package-user-dir (make-temp-file "sts-lens-probe" t))
    (package-initialize)
    (delete-directory package-user-dir t)
    (dolist (f '(eglot lsp-mode yaml-mode)) (when (locate-library (symbol-name f)) (princ (format "%s\\n" f)))))`], {
    encoding: 'utf8', timeout: 30000, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return probe.status === 0 ? new Set(probe.stdout.split('\n').filter(Boolean)) : undefined;
}
const packages = emacsPackages();

/** The first elisp block after the heading line `heading` of docs/emacs.md. */
function documentedSnippet(heading: string): string {
  const doc = readFileSync(path.join(repoRoot, 'docs', 'emacs.md'), 'utf8');
  const at = doc.indexOf(`\n${heading}\n`);
  assert.ok(at >= 0, `docs/emacs.md has no "${heading}" heading`);
  const block = /```elisp\n([\s\S]*?)```/.exec(doc.slice(at));
  assert.ok(block, `docs/emacs.md has no elisp block under "${heading}"`);
  return block[1];
}

/** A client's documented setup plus its documented settings, with the placeholder server path made real. */
function documentedConfig(setupHeading: string, settingsHeading: string): string {
  const setup = documentedSnippet(setupHeading);
  assert.ok(setup.includes(DOCUMENTED_SERVER), `the "${setupHeading}" snippet does not start ${DOCUMENTED_SERVER}`);
  return `${setup.split(DOCUMENTED_SERVER).join(SERVER_JS)}\n${documentedSnippet(settingsHeading)}`;
}

/** Runs one of the .el sessions on a fresh copy of the example; returns its JSON result. */
function runEmacs(t: { diagnostic(msg: string): void }, script: string, config: string): any {
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-lens-emacs-'));
  try {
    const file = path.join(dir, 'random-generator.yaml');
    writeFileSync(file, readExample());
    const configFile = path.join(dir, 'config.el');
    writeFileSync(configFile, config);
    const home = path.join(dir, 'home');
    mkdirSync(home);
    const started = Date.now();
    const r = spawnSync('emacs', ['--batch', '-Q', '-l', path.join(__dirname, script), file], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60000,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH, HOME: home, STATEFULSET_LENS_EMACS_CONFIG: configFile },
    });
    t.diagnostic(`${script}: ${Date.now() - started} ms`);
    const line = r.stdout.trim().split('\n').pop() ?? '';
    let result: any;
    try {
      result = JSON.parse(line);
    } catch {
      assert.fail(`emacs printed no result (exit ${r.status}, signal ${r.signal}): ${r.stdout}\n${r.stderr}`);
    }
    assert.deepEqual(result.failures, [], `${JSON.stringify(result, null, 1)}\n${r.stderr}`);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /unsupported capability/, 'the server registers only what the client supports');
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Skips (or fails, when editors are required) unless emacs and the client package are installed. */
function missing(t: { skip(msg: string): void }, client: string): boolean {
  const absent = !packages ? ['emacs'] : [client, 'yaml-mode'].filter((p) => !packages.has(p));
  if (!absent.length) return false;
  const lacking = `${absent.join(' and ')} ${absent.length > 1 ? 'are' : 'is'}`;
  if (required) assert.fail(`${lacking} not installed but STATEFULSET_LENS_REQUIRE_EDITORS=1 (${INSTALL})`);
  t.skip(`${lacking} not installed (${INSTALL}); skipping the Emacs ${client} client test`);
  return true;
}

const example = readExample();
const serviceNameValue = positionOf(example, 'serviceName: random-generator', 'serviceName: '.length);
// docs/emacs.md's settings example: cluster domain k8s.internal, service-not-headless raised to an error.
const NOT_HEADLESS = 'Service "random-generator" (random-generator.yaml) is not headless (it has a cluster IP): no per-pod DNS records such as rg-0.random-generator.default.svc.k8s.internal exist';

test('Emacs with Eglot, configured as docs/emacs.md says, shows diagnostics with the configured severity through Flymake, completion and hover of the example', (t) => {
  if (missing(t, 'eglot')) return;
  const result = runEmacs(t, 'emacs-eglot.el', documentedConfig('## Eglot', '### With Eglot'));
  assert.equal(result.major_mode, 'yaml-mode');
  assert.deepEqual(result.clean_diagnostics, []);
  assert.ok(result.completion.includes('random-generator'), JSON.stringify(result.completion));
  assert.ok(
    result.hover.includes('**DNS names**: `rg-0.random-generator.default.svc.k8s.internal`, `rg-1.random-generator.default.svc.k8s.internal`'),
    result.hover,
  );
  const diag = result.edited_diagnostics.find((d: any) => d.text.startsWith('statefulset-lens [service-not-headless]: '));
  assert.ok(diag, JSON.stringify(result.edited_diagnostics));
  assert.deepEqual([diag.line, diag.column, diag.type], [serviceNameValue.line, serviceNameValue.character, 'eglot-error']);
  assert.ok(diag.text.startsWith(`statefulset-lens [service-not-headless]: ${NOT_HEADLESS}`), diag.text);
});

test('Emacs with lsp-mode, configured as docs/emacs.md says, shows diagnostics, completion, the pods lens and hovers of the example', (t) => {
  if (missing(t, 'lsp-mode')) return;
  const result = runEmacs(t, 'emacs-lsp-mode.el', documentedConfig('## lsp-mode', '### With lsp-mode'));
  assert.equal(result.major_mode, 'yaml-mode');
  assert.deepEqual(result.clean_diagnostics, []);
  assert.ok(result.completion.includes('random-generator'), JSON.stringify(result.completion));
  assert.equal(result.lens_mode, true);
  assert.ok(
    result.lenses.some((l: any) => l.line === positionOf(example, '  name: rg\n').line && l.text === ' pods: rg-0, rg-1'),
    JSON.stringify(result.lenses),
  );
  assert.ok(
    result.hover_service_name.includes('DNS names: rg-0.random-generator.default.svc.k8s.internal, rg-1.random-generator.default.svc.k8s.internal'),
    result.hover_service_name,
  );
  assert.ok(result.hover_replicas.includes('Pods (2): rg-0, rg-1'), result.hover_replicas);
  const diag = result.edited_diagnostics.find((d: any) => d.code === 'service-not-headless');
  assert.ok(diag, JSON.stringify(result.edited_diagnostics));
  assert.deepEqual([diag.line, diag.column, diag.source, diag.severity], [serviceNameValue.line, serviceNameValue.character, 'statefulset-lens', 1]);
  assert.ok(diag.message.startsWith(NOT_HEADLESS), diag.message);
});
