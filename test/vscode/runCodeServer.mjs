// Runs the extension inside a real VS Code here: code-server 4.100.3 (VS Code 1.100.3, Node extension host)
// driven by Debian's Chromium through playwright-core. Phase 1 runs the mocha suite (test/vscode/suite) inside the
// extension host; phase 2 installs the packaged .vsix and checks the rendered workbench (lens drawn, preview webview
// content), taking the README screenshots. Prints `N passed, N failed` and exits non-zero on any failure.
// Without code-server or Chromium it prints one line and exits 0, or 1 when STATEFULSET_LENS_REQUIRE_EDITORS=1.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { bundleSuite, makeWorkspace, repoRoot } from './bundleSuite.mjs';

const CODE_SERVER = process.env.CODE_SERVER_BIN ?? path.join(repoRoot, '.vscode-test/code-server-4.100.3/node_modules/.bin/code-server');
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const SUITE_TIMEOUT_MS = Number(process.env.STATEFULSET_LENS_SUITE_TIMEOUT_MS ?? 90_000);
const UI_TIMEOUT_MS = 30_000;
const SCREENSHOT_DIR = path.join(repoRoot, 'docs/images');
const started = Date.now();
const lap = (message) => console.log(`[code-server ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

const missing = [
  !existsSync(CODE_SERVER) && `code-server (run: bash scripts/setupCodeServer.sh)`,
  !existsSync(CHROMIUM) && `Chromium at ${CHROMIUM} (apt-get install -y chromium)`,
].filter(Boolean);
if (missing.length) {
  const required = process.env.STATEFULSET_LENS_REQUIRE_EDITORS === '1';
  console.log(`tests inside VS Code (code-server) ${required ? 'cannot run' : 'skipped'}: ${missing.join(' and ')} not installed`);
  process.exit(required ? 1 : 0);
}
const notBuilt = ['dist/client.js', 'dist/server.js'].filter((f) => !existsSync(path.join(repoRoot, f)));
if (notBuilt.length) {
  console.log(`tests inside VS Code (code-server) cannot run: ${notBuilt.join(', ')} missing (run node scripts/build.mjs)`);
  process.exit(1);
}

const { chromium } = await import('playwright-core');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function until(what, probe, timeoutMs, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'statefulset-lens-code-server-'));
const dirs = Object.fromEntries(['userData', 'extensions', 'xdgConfig', 'xdgData', 'xdgCache', 'chrome', 'shots'].map((d) => [d, path.join(tmp, d)]));
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
writeFileSync(
  path.join(dirs.userData, 'User/settings.json'),
  JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.colorTheme': 'Default Dark Modern',
    'window.autoDetectColorScheme': false,
    'editor.fontSize': 14,
    'editor.occurrencesHighlight': 'off',
    'editor.selectionHighlight': false,
    'window.commandCenter': false,
  }),
);
writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\ncert: false\n');
const resultFile = path.join(tmp, 'results.json');
const workspaces = [];
const passed = [];
const failed = [];
let server;
let browser;

/** The whole process group: code-server, its extension hosts, file watchers and our language servers. */
function killServer(signal) {
  try {
    if (server?.pid) process.kill(-server.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopAll() {
  if (browser) await browser.close().catch(() => undefined);
  killServer('SIGTERM');
  // A file watcher can respawn while the server shuts down, so follow up with SIGKILL.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  killServer('SIGKILL');
}

process.on('SIGINT', () => {
  killServer('SIGKILL');
  process.exit(130);
});

function workbenchUrl(port, workspace, payload) {
  const host = `127.0.0.1:${port}`;
  const entries = Object.entries(payload).map(([key, file]) => [key, `vscode-remote://${host}${file}`]);
  const query = entries.length ? `&payload=${encodeURIComponent(JSON.stringify(entries))}` : '';
  return `http://${host}/?folder=${encodeURIComponent(workspace)}${query}`;
}

/** Phase 1: the mocha suite inside the extension host; its results come back through a file. */
async function runSuite(port, testsPath) {
  const workspace = makeWorkspace();
  workspaces.push(workspace);
  const page = await browser.newPage();
  await page.goto(workbenchUrl(port, workspace, { extensionDevelopmentPath: repoRoot, extensionTestsPath: testsPath }));
  lap('workbench loaded, suite running in the extension host');
  try {
    await until('the suite results', async () => existsSync(resultFile), SUITE_TIMEOUT_MS, 200);
  } catch (error) {
    await page.screenshot({ path: path.join(dirs.shots, 'suite-timeout.png') }).catch(() => undefined);
    failed.push({ title: 'in-editor suite', error: `${error.message} (see ${path.join(tmp, 'code-server.log')})` });
    return;
  } finally {
    await page.close().catch(() => undefined);
  }
  const results = JSON.parse(readFileSync(resultFile, 'utf8'));
  passed.push(...results.passed);
  failed.push(...results.failed);
}

/**
 * Packages the extension as a user gets it and installs the .vsix into the (fresh) extensions folder, so the UI
 * check runs the packaged extension in a normal window. (The suite's extensionDevelopmentPath still wins there.)
 */
function installVsix() {
  const vsix = path.join(tmp, 'statefulset-lens.vsix');
  const vsce = path.join(repoRoot, 'node_modules/@vscode/vsce/vsce');
  // The same vsce arguments as `npm run package`.
  const script = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).scripts.package;
  const vsceArgs = script.split('&&').map((s) => s.trim()).find((s) => s.startsWith('vsce package')).split(/\s+/).slice(1);
  const pack = spawnSync(process.execPath, [vsce, ...vsceArgs, '--out', vsix], { cwd: repoRoot, encoding: 'utf8' });
  if (pack.status !== 0) throw new Error(`vsce package failed: ${pack.stderr || pack.stdout}`);
  const install = spawnSync(CODE_SERVER, ['--config', path.join(tmp, 'config.yaml'), '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData, EXTENSIONS_GALLERY: '{"serviceUrl":""}' },
  });
  if (install.status !== 0) throw new Error(`installing the .vsix failed: ${install.stderr || install.stdout}`);
}

/** A file with two StatefulSets after a ConfigMap, for the pick list. */
const TWO_STATEFULSETS = [
  'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: settings', '---',
  'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata:', '  name: alpha', 'spec:', '  replicas: 1', '---',
  'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata:', '  name: beta', 'spec:', '  replicas: 1', '',
].join('\n');

/** Phase 2: what a user sees, with the installed .vsix. Each step is one reported test. */
async function runUi(port) {
  const workspace = makeWorkspace();
  workspaces.push(workspace);
  writeFileSync(path.join(workspace, 'examples/two-statefulsets.yaml'), TWO_STATEFULSETS);
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1600, height: 1000 });
  const step = async (title, fn) => {
    try {
      await fn();
      passed.push(title);
      return true;
    } catch (error) {
      const shot = path.join(dirs.shots, `failure-${passed.length + failed.length}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      failed.push({ title, error: `${error.message.split('\n')[0]} (screenshot: ${shot})` });
      return false;
    }
  };
  await page.goto(workbenchUrl(port, workspace, {}));
  await page.locator('.monaco-workbench').waitFor({ timeout: UI_TIMEOUT_MS });
  lap('workbench loaded for the UI check');

  const lensShown = await step('UI: opening examples/random-generator.yaml draws the lens "pods: rg-0, rg-1" in the editor', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'examples' }).first().click({ timeout: UI_TIMEOUT_MS });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'random-generator.yaml' }).first().click({ timeout: UI_TIMEOUT_MS });
    await page.locator('.contentWidgets .codelens-decoration', { hasText: 'pods: rg-0, rg-1' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.locator('.contentWidgets .codelens-decoration', { hasText: 'DNS: rg-0.random-generator.default.svc.cluster.local' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    // Park the cursor inside the StatefulSet (quick open's `:line` centres it), so the whole StatefulSet and all
    // its lenses fill the editor and Show Preview has a definite target.
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill(':36');
    await page.keyboard.press('Enter');
    await page.locator('.contentWidgets .codelens-decoration', { hasText: 'PVCs: logs-rg-0, logs-rg-1' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.mouse.move(1200, 12);
    await page.screenshot({ path: path.join(dirs.shots, 'lens.png') });
  });
  if (!lensShown) return;

  const previewShown = await step('UI: "StatefulSet: Show Preview" from the command palette shows rg-1.random-generator.default.svc.cluster.local in the preview webview', async () => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: UI_TIMEOUT_MS });
    await input.fill('>StatefulSet: Show Preview');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'StatefulSet: Show Preview' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    // The preview and the editor share the window without the side bar, as a user would look at them.
    await page.keyboard.press('F1');
    await input.fill('>View: Close Primary Side Bar');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'View: Close Primary Side Bar' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    // A webview is an iframe (the host page) holding another iframe (the content).
    const content = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await content.locator('code', { hasText: 'rg-1.random-generator.default.svc.cluster.local' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await content.locator('h1', { hasText: 'rg' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.mouse.move(1200, 12);
    await page.screenshot({ path: path.join(dirs.shots, 'preview.png') });
  });
  if (!previewShown) return;

  await step('UI: typing 4 into the what-if replicas box lists rg-2 and rg-3 as created', async () => {
    const content = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await content.locator('#replicas').fill('4');
    await content.locator('.whatif-outcome', { hasText: 'rg-2 → rg-3' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await content.locator('tr.change-added', { hasText: 'rg-3.random-generator.default.svc.cluster.local' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.screenshot({ path: path.join(dirs.shots, 'what-if.png') });
    await content.locator('#reset-replicas').click();
    await content.locator('#reset-replicas[disabled]').waitFor({ timeout: UI_TIMEOUT_MS });
  });

  await step('UI: the pods table is keyboard-usable: ArrowDown moves to rg-1 and Enter selects the StatefulSet name (line 18)', async () => {
    const content = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await content.locator('tr.row', { hasText: 'rg-0.random-generator' }).first().focus();
    await page.keyboard.press('ArrowDown');
    await content.locator('tr.row:focus', { hasText: 'rg-1.random-generator' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    await page.locator('.statusbar-item', { hasText: 'Ln 18, Col 11 (2 selected)' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  });

  await step('UI: clicking the claim template row selects the template name "logs" (line 50) in the editor', async () => {
    const content = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await content.locator('tr.row', { hasText: 'ReadWriteOnce' }).first().click();
    await page.locator('.statusbar-item', { hasText: 'Ln 50, Col 19 (4 selected)' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  });

  await step('UI: Show Preview with the cursor on a ConfigMap in a file with two StatefulSets asks which one, and shows beta when picked', async () => {
    // Quick open (the side bar is closed by now): the palette without `>` searches files.
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('two-statefulsets.yaml');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'two-statefulsets.yaml' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-line', { hasText: 'kind: ConfigMap' }).first().click({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>StatefulSet: Show Preview');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'StatefulSet: Show Preview' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'beta' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    const picks = (await page.locator('.quick-input-list .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    if (picks.join(' | ') !== 'alphadefault line 9 | betadefault line 16') throw new Error(`the pick list shows ${JSON.stringify(picks)}`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const content = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await content.locator('code', { hasText: 'beta-0' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  });

  await step('UI: after a window reload the preview comes back showing the same StatefulSet', async () => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Developer: Reload Window');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Developer: Reload Window' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    await page.waitForEvent('load', { timeout: UI_TIMEOUT_MS });
    const content = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await content.locator('h1', { hasText: 'beta' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  });

  await runKustomizeUi(page, step);
}

/**
 * Kustomize overlays as a user sees them: the base of examples/kustomize gets one lens per overlay (rendered by the
 * real kubectl kustomize), and picking "prod" in the preview's overlay selector shows the names prod deploys.
 */
async function runKustomizeUi(page, step) {
  if (!kubectlInstalled()) {
    console.log('  skip UI: Kustomize overlays (kubectl is not installed here)');
    return;
  }
  const lensesShown = await step('UI: the Kustomize base shows one lens per overlay: "prod: prod-rg-0 … prod-rg-3 in shop" and "staging: rg-0 … rg-2 in staging"', async () => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('kustomize/base/random-generator.yaml');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'random-generator.yaml' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    await page.locator('.contentWidgets .codelens-decoration', { hasText: 'prod: prod-rg-0 … prod-rg-3 in shop' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.locator('.contentWidgets .codelens-decoration', { hasText: 'staging: rg-0 … rg-2 in staging' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  });
  if (!lensesShown) return;
  await step('UI: picking the prod overlay in the preview shows prod-rg-0.prod-random-generator.shop.svc.cluster.local', async () => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>StatefulSet: Show Preview');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'StatefulSet: Show Preview' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    const content = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await content.locator('code', { hasText: 'rg-1.random-generator.demo.svc.cluster.local' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await content.locator('#overlay').selectOption({ label: 'prod' });
    await content.locator('code', { hasText: 'prod-rg-0.prod-random-generator.shop.svc.cluster.local' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await content.locator('code', { hasText: 'prod-rg-3.prod-random-generator.shop.svc.cluster.local' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.mouse.move(1200, 12);
    await page.screenshot({ path: path.join(dirs.shots, 'overlay.png') });
  });
}

function kubectlInstalled() {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

const serverLog = createWriteStream(path.join(tmp, 'code-server.log'));
try {
  const testsPath = await bundleSuite();
  installVsix();
  lap('packaged and installed the .vsix');
  const port = await freePort();
  server = spawn(
    CODE_SERVER,
    [
      '--config', path.join(tmp, 'config.yaml'),
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      '--user-data-dir', dirs.userData,
      '--extensions-dir', dirs.extensions,
    ],
    {
      // Its own process group, so stopping it also stops the extension hosts and language servers under it.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        STATEFULSET_LENS_RESULT_FILE: resultFile,
        XDG_CONFIG_HOME: dirs.xdgConfig,
        XDG_DATA_HOME: dirs.xdgData,
        // No extension gallery: nothing is fetched from the network.
        EXTENSIONS_GALLERY: '{"serviceUrl":""}',
      },
    },
  );
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);
  await until('code-server to answer /healthz', async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 30_000);
  lap(`code-server up on 127.0.0.1:${port}`);
  browser = await chromium.launchPersistentContext(dirs.chrome, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'dark',
    env: { ...process.env, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_CACHE_HOME: dirs.xdgCache },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await runUi(port);
  lap('UI check finished');
  await runSuite(port, testsPath);
  lap('suite finished');
} catch (error) {
  failed.push({ title: 'code-server harness', error: error instanceof Error ? error.message : String(error) });
} finally {
  await stopAll();
  serverLog.end();
}

for (const title of passed) console.log(`  ok   ${title}`);
for (const { title, error } of failed) console.log(`  FAIL ${title}: ${error}`);
const shots = ['lens.png', 'preview.png', 'what-if.png', 'overlay.png'].filter((f) => existsSync(path.join(dirs.shots, f)));
if (process.env.UPDATE_SCREENSHOTS === '1' && failed.length === 0) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const f of shots) copyFileSync(path.join(dirs.shots, f), path.join(SCREENSHOT_DIR, f));
  console.log(`screenshots written to ${path.relative(repoRoot, SCREENSHOT_DIR)}: ${shots.join(', ')}`);
}
const ok = failed.length === 0 && passed.length > 0;
for (const w of workspaces) rmSync(path.dirname(w), { recursive: true, force: true });
if (ok && !process.env.KEEP_CODE_SERVER_TMP) rmSync(tmp, { recursive: true, force: true });
else console.log(`logs and screenshots kept in ${tmp}`);
lap('stopped');
console.log(`${passed.length} passed, ${failed.length} failed`);
process.exit(ok ? 0 : 1);
