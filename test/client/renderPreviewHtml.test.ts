// Tests of the pure preview renderer: the document's security shell (CSP with a nonce, local resources only),
// that every manifest-derived string is escaped, and that the model's facts appear where the panel shows them.
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/paths';
import assert from 'node:assert/strict';
import type { PreviewModel } from '../../server/src/protocol';
import { contentSecurityPolicy, escapeHtml, renderPreviewBody, renderPreviewHtml } from '../../client/src/preview/renderPreviewHtml';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const SCRIPT = 'https://file+.vscode-resource.vscode-cdn.net/ext/client/media/preview.js';
const STYLE = 'https://file+.vscode-resource.vscode-cdn.net/ext/client/media/preview.css';
const NONCE = 'n0nceN0nceN0nceN0nceN0nceN0nce12';
const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

/** The random-generator example's model, with fields overridable per test. */
function model(overrides: Partial<PreviewModel> = {}): PreviewModel {
  const name = overrides.name ?? 'rg';
  return {
    uri: 'file:///ws/examples/random-generator.yaml',
    name,
    namespace: 'default',
    nameRange: range(18, 8, 10),
    replicas: 2,
    declaredReplicas: 2,
    startOrdinal: 0,
    serviceName: 'random-generator',
    service: { name: 'random-generator', namespace: 'default', uri: 'file:///ws/examples/random-generator.yaml', headless: true, ports: [{ name: 'http', port: 8080, protocol: 'TCP' }], range: range(3, 8, 24) },
    serviceDns: 'random-generator.default.svc.cluster.local',
    srvRecords: [{ portName: 'http', protocol: 'tcp', port: 8080, record: '_http._tcp.random-generator.default.svc.cluster.local' }],
    podManagementPolicy: 'OrderedReady',
    updateStrategy: 'RollingUpdate',
    partition: 0,
    pods: [
      { ordinal: 0, name: `${name}-0`, dns: `${name}-0.random-generator.default.svc.cluster.local`, pvcs: [`logs-${name}-0`], startStep: 1, update: 'updated' },
      { ordinal: 1, name: `${name}-1`, dns: `${name}-1.random-generator.default.svc.cluster.local`, pvcs: [`logs-${name}-1`], startStep: 2, update: 'updated' },
    ],
    claimTemplates: [{ name: 'logs', range: range(40, 12, 16), pvcs: [`logs-${name}-0`, `logs-${name}-1`], storage: '10Mi', accessModes: ['ReadWriteOnce'] }],
    startOrder: [[`${name}-0`], [`${name}-1`]],
    scaleDownOrder: [[`${name}-1`], [`${name}-0`]],
    updateOrder: [`${name}-1`, `${name}-0`],
    keptRevision: [],
    retention: {
      whenScaled: 'Retain',
      whenDeleted: 'Retain',
      onScaleDown: { pod: `${name}-1`, pvcs: [{ pvc: `logs-${name}-1`, action: 'Retain' }] },
      onDelete: [{ pvc: `logs-${name}-0`, action: 'Retain' }, { pvc: `logs-${name}-1`, action: 'Retain' }],
    },
    problems: [],
    ...overrides,
  };
}

/** The visible text: tags become spaces, except the <wbr> break hints inside names. */
function textOf(html: string): string {
  return html.replace(/<wbr>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A what-if from `from` to `to` replicas, as the server builds it for the example (one claim template, Retain). */
function whatIf(from: number, to: number): NonNullable<PreviewModel['whatIf']> {
  const names = (a: number, b: number, step: number) => Array.from({ length: Math.abs(b - a) + 1 }, (_, i) => `rg-${a + step * i}`);
  const created = to > from ? names(from, to - 1, 1) : [];
  const removed = from > to ? names(from - 1, to, -1) : [];
  return {
    from, to,
    created, createdCount: created.length, ...(created.length ? { createdLast: created.at(-1) } : {}), createdPvcCount: created.length,
    removed, removedCount: removed.length, ...(removed.length ? { removedLast: removed.at(-1) } : {}),
    pvcs: removed.map((p) => ({ pvc: `logs-${p}`, action: 'Retain' as const })), removedPvcCount: removed.length,
  };
}

/** Every tag name in the document, in order: what the browser would build as elements. */
function tagNames(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)[\s>/]/g)].map((m) => m[1]!.toLowerCase());
}

test('escapeHtml escapes the five characters that can start markup or end an attribute', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});

test('the document carries a strict CSP: nonce-only scripts, styles and images from the webview source, nothing else', () => {
  const html = renderPreviewHtml(model(), NONCE, CSP_SOURCE, SCRIPT, STYLE);
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)?.[1];
  assert.equal(
    csp,
    `default-src &#39;none&#39;; style-src ${CSP_SOURCE}; img-src ${CSP_SOURCE}; font-src ${CSP_SOURCE}; script-src &#39;nonce-${NONCE}&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;`,
  );
  assert.equal(contentSecurityPolicy(NONCE, CSP_SOURCE).includes('unsafe'), false);
  assert.deepEqual([...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]), [`<script nonce="${NONCE}" src="${SCRIPT}">`]);
  assert.deepEqual([...html.matchAll(/<link[^>]*>/g)].map((m) => m[0]), [`<link rel="stylesheet" href="${STYLE}">`]);
  assert.equal(/\sstyle=|\son[a-z]+=|https?:\/\/(?!file\+\.vscode-resource)/.test(html), false, 'no inline styles, handlers or remote URLs');
});

test('names containing <img onerror> and "><script> appear as escaped text, never as markup', () => {
  const evilName = '<img src=x onerror=alert(1)>';
  const evilNamespace = '"><script>alert(2)</script>';
  const evil = model({
    name: evilName,
    namespace: evilNamespace,
    serviceName: `"><script>alert(3)</script>`,
    service: undefined,
    problems: [{ severity: 'warning', ruleId: '<b>rule</b>', message: `"><img src=x onerror=alert(4)>`, range: range(1, 0, 1) }],
    uri: 'file:///ws/"><script>alert(5)</script>.yaml',
  });
  const html = renderPreviewHtml(evil, NONCE, CSP_SOURCE, SCRIPT, STYLE);
  const body = renderPreviewBody(evil);
  for (const doc of [html, body]) {
    assert.equal(tagNames(doc).includes('img'), false, 'an <img> element was produced');
    assert.equal(tagNames(doc).filter((t) => t === 'script').length, doc === html ? 1 : 0, 'a <script> element was produced');
    assert.equal(tagNames(doc).includes('b'), false, 'a <b> element was produced');
    assert.ok(doc.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the evil name is shown as text');
    assert.ok(doc.includes('&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;'), 'the evil namespace is shown as text');
  }
  assert.ok(html.includes('<title>StatefulSet &lt;img src=x onerror=alert(1)&gt;</title>'));
  assert.ok(body.includes('data-uri="file:///ws/&quot;&gt;&lt;script&gt;alert(5)&lt;/script&gt;.yaml"'));
});

test('the header names namespace and StatefulSet, the Service and whether it is headless', () => {
  const body = renderPreviewBody(model());
  assert.match(body, /<span class="namespace">default<\/span><span class="separator">\/<\/span><span class="name">rg<\/span>/);
  assert.match(body, /<code>random-generator<\/code><\/a> <span class="badge badge-ok">headless Service<\/span>/);
  const notHeadless = renderPreviewBody(model({ service: { ...model().service!, headless: false } }));
  assert.match(notHeadless, /<span class="badge badge-warn">Service is not headless<\/span>/);
  const missing = renderPreviewBody(model({ service: undefined }));
  assert.match(missing, /<span class="badge badge-warn">no Service in namespace default<\/span>/);
});

test('each pod row shows ordinal, name, DNS name, PVCs, start step and update status and can be focused', () => {
  const body = renderPreviewBody(model());
  const rows = [...body.matchAll(/<tr class="row"[^>]*data-focus-key="pod-[^"]*"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    m[1]!.replace(/<wbr>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim(),
  );
  assert.deepEqual(rows, [
    '0 rg-0 rg-0.random-generator.default.svc.cluster.local logs-rg-0 1 rolls out',
    '1 rg-1 rg-1.random-generator.default.svc.cluster.local logs-rg-1 2 rolls out',
  ]);
  assert.match(body, /<tr class="row" tabindex="0" data-focus-key="pod-rg-1" data-uri="file:\/\/\/ws\/examples\/random-generator.yaml" data-range="18:8:18:10">/);
});

test('SRV records, claim templates, retention and orders come straight from the model', () => {
  const text = textOf(renderPreviewBody(model()));
  assert.ok(text.includes('_http._tcp.random-generator.default.svc.cluster.local http tcp 8080'));
  assert.ok(text.includes('logs 10Mi ReadWriteOnce cluster default logs-rg-0 , logs-rg-1'));
  assert.ok(text.includes('Scaling down by one removes rg-1 : logs-rg-1 kept'));
  assert.ok(text.includes('Start rg-0 → rg-1 Scale down rg-1 → rg-0 Rolling update rg-1 → rg-0'));
});

test('a what-if model lists created pods, removed pods and the fate of their PVCs, and enables reset', () => {
  const grown = renderPreviewBody(
    model({ replicas: 4, whatIf: whatIf(2, 4) }),
  ).replace(/\s+/g, ' ');
  assert.match(grown, /Scaling from 2 to 4:/);
  assert.match(grown, /<span class="badge badge-added">creates<\/span> <code>rg-2<\/code> → <code>rg-3<\/code>/);
  assert.match(grown, /<input id="replicas" data-focus-key="replicas" type="number" min="0" max="2147483647" step="1" value="4" aria-describedby="replicas-error">/);
  assert.match(grown, /<button id="reset-replicas" data-focus-key="reset" type="button">Reset to 2<\/button>/);
  const shrunk = renderPreviewBody(
    model({ replicas: 0, whatIf: { ...whatIf(2, 0), pvcs: [{ pvc: 'logs-rg-1', action: 'Retain' }, { pvc: 'logs-rg-0', action: 'Delete' }] } }),
  ).replace(/\s+/g, ' ');
  assert.match(shrunk, /removes<\/span> <code>rg-1<\/code> → <code>rg-0<\/code>/);
  assert.match(shrunk, /<span class="badge badge-ok">kept<\/span> <code>logs-rg-1<\/code>/);
  assert.match(shrunk, /<span class="badge badge-warn">deleted<\/span> <code>logs-rg-0<\/code>/);
  assert.match(renderPreviewBody(model()), /type="button" disabled>Reset to 2<\/button>/);
});

test('without a model the document shows the message, escaped, and still loads the script', () => {
  const html = renderPreviewHtml(undefined, NONCE, CSP_SOURCE, SCRIPT, STYLE, 'No StatefulSet in <a>.yaml.');
  assert.match(html, /<p class="empty">No StatefulSet in &lt;a&gt;.yaml.<\/p>/);
  assert.ok(html.includes(`<script nonce="${NONCE}" src="${SCRIPT}"></script>`));
});

test('a what-if to 500 summarises the 498 created pods as first … last with the counts, and lists them all behind a disclosure', () => {
  const body = renderPreviewBody(model({ replicas: 500, whatIf: whatIf(2, 500) })).replace(/\s+/g, ' ');
  assert.match(
    body,
    /<li><span class="badge badge-added">creates<\/span> <code>rg-2<\/code> … <code>rg-499<\/code>: 498 pods, 498 PVCs<details class="chips" data-focus-key="whatif-created"><summary>Show all 498<\/summary><ul class="chips"><li><code>rg-2<\/code><\/li><li><code>rg-3<\/code><\/li>/,
  );
  assert.ok(body.includes('<li><code>rg-499</code></li></ul></details></li>'));
  assert.equal((body.match(/<li><code>rg-\d+<\/code><\/li>/g) ?? []).length, 498);
  assert.ok(textOf(body).includes('Scaling from 2 to 500: creates rg-2 … rg-499 : 498 pods, 498 PVCs Show all 498 rg-2 rg-3'));
});

test('scaling 500 down to 2 summarises the removed pods and their kept PVCs the same way', () => {
  const text = textOf(renderPreviewBody(model({ replicas: 2, declaredReplicas: 500, whatIf: whatIf(500, 2) })));
  assert.ok(text.includes('removes rg-499 … rg-2 : 498 pods Show all 498 rg-499'), text);
  assert.ok(text.includes('kept logs-rg-499 … logs-rg-2 : 498 PVCs (whenScaled: Retain) Show all 498 logs-rg-499'), text);
});

test('what-if names are chips that never break: the stylesheet keeps them on one line', () => {
  const css = readFileSync(path.join(repoRoot, 'client/media/preview.css'), 'utf8');
  assert.match(css, /\.whatif code, ul\.chips code \{ white-space: nowrap; overflow-wrap: normal; \}/);
});

test('the replicas error line is rendered hidden with the accepted range, for the script to show on bad input', () => {
  const body = renderPreviewBody(model());
  assert.ok(body.includes('<p id="replicas-error" class="whatif-error" hidden>Not a valid replicas value: the API server accepts a whole number from 0 to 2147483647.</p>'));
  assert.ok(body.includes('<div id="whatif-outcome" role="status">'));
});

test('the what-if box comes before a long issue list', () => {
  const problems = Array.from({ length: 12 }, (_, i) => ({ severity: 'warning' as const, ruleId: 'r', message: `m${i}`, range: range(i, 0, 1) }));
  const body = renderPreviewBody(model({ problems }));
  assert.ok(body.indexOf('class="whatif"') < body.indexOf('class="problems"'));
  assert.ok(body.indexOf('class="problems"') < body.indexOf('id="pods-title"'));
});

test('the issue summary takes the colour of its most severe item: "2 info" is information, not a warning', () => {
  const info = (message: string) => ({ severity: 'information' as const, ruleId: 'no-pod-disruption-budget', message, range: range(1, 0, 1) });
  assert.match(renderPreviewBody(model({ problems: [info('a'), info('b')] })), /<details><summary class="summary-information" data-focus-key="problems">2 info<\/summary>/);
  const mixed = renderPreviewBody(model({ problems: [{ ...info('a'), severity: 'error' }, { ...info('b'), severity: 'warning' }, info('c')] }));
  assert.match(mixed, /<details open><summary class="summary-error" data-focus-key="problems">1 error, 1 warning, 1 info<\/summary>/);
  assert.match(renderPreviewBody(model({ problems: [{ ...info('a'), severity: 'warning' }, info('b')] })), /<summary class="summary-warning"/);
  const css = readFileSync(path.join(repoRoot, 'client/media/preview.css'), 'utf8');
  assert.match(css, /\.problems summary\.summary-information, \.problems summary\.summary-hint \{ color: var\(--vscode-editorInfo-foreground/);
});

test('table names carry break hints after each dot, so DNS names wrap between labels instead of being clipped', () => {
  const body = renderPreviewBody(model());
  assert.ok(body.includes('<td><code class="name">rg-0.<wbr>random-generator.<wbr>default.<wbr>svc.<wbr>cluster.<wbr>local</code></td>'));
  const css = readFileSync(path.join(repoRoot, 'client/media/preview.css'), 'utf8');
  assert.match(css, /\.grid code \{ white-space: normal; overflow-wrap: normal; word-break: normal; \}/);
});

/** The elastic chart's StatefulSet as the server models it: name, serviceName, replicas and both policies templated. */
function helmModel(): PreviewModel {
  const base = model({ name: '{{ template "elasticsearch.uname" . }}' });
  return {
    ...base,
    template: true,
    templated: [
      { field: 'name', source: '{{ template "elasticsearch.uname" . }}' },
      { field: 'serviceName', source: '{{ template "elasticsearch.uname" . }}-headless' },
      { field: 'replicas', source: '{{ .Values.replicas }}', values: '.Values.replicas' },
      { field: 'podManagementPolicy', source: '{{ .Values.podManagementPolicy }}', values: '.Values.podManagementPolicy' },
      { field: 'updateStrategy.type', source: '{{ .Values.updateStrategy }}', values: '.Values.updateStrategy' },
    ],
    replicas: 1,
    declaredReplicas: 1,
    serviceName: '{{ template "elasticsearch.uname" . }}-headless',
    service: undefined,
    serviceDns: undefined,
    srvRecords: [],
    pods: [{ ...base.pods[0]!, dns: undefined }],
    problems: [{ severity: 'information', ruleId: 'helm-template', message: 'This file is a Helm template.', range: range(0, 0, 1) }],
  };
}

test('a Helm template shows the banner, templated fields as "from values", what follows as assumed, and no Service claim', () => {
  const body = renderPreviewBody(helmModel());
  const text = textOf(body);
  assert.ok(body.includes('<p class="notice notice-template" role="note"><strong>Helm template — values not rendered.</strong>'), body);
  assert.ok(text.includes('replicas from values: .Values.replicas (assumed 1)'), text);
  assert.ok(text.includes('pod management from values: .Values.podManagementPolicy (assumed OrderedReady)'), text);
  assert.ok(text.includes('update strategy from values: .Values.updateStrategy (assumed RollingUpdate)'), text);
  assert.ok(text.includes('serviceName templated: {{ template &quot;elasticsearch.uname&quot; . }}-headless unknown until rendered'), text);
  assert.ok(text.includes('With replicas = 1 (assumed: .Values.replicas is not rendered).'), text);
  assert.ok(text.includes('podManagementPolicy is templated: assumed OrderedReady ; updateStrategy.type is templated: assumed RollingUpdate .'), text);
  assert.match(body, /<td><span class="muted">unknown until rendered<\/span><\/td>/);
  assert.equal(/no Service in namespace|not headless|headless Service/.test(text), false, 'no claim about the Service');
});

test('an invalid podManagementPolicy is shown as invalid and rejected, never as the default', () => {
  const invalid = [{ field: 'podManagementPolicy', value: 'Paralel', allowed: ['OrderedReady', 'Parallel'], range: range(22, 23, 30) }];
  const body = renderPreviewBody(model({ invalid }));
  const text = textOf(body);
  assert.ok(text.includes('pod management Paralel invalid: rejected'), text);
  assert.ok(text.includes('The API server rejects this StatefulSet: podManagementPolicy Paralel is not OrderedReady or Parallel'), text);
  assert.ok(text.includes('podManagementPolicy is invalid: shown as OrderedReady , which the API server does not apply.'), text);
  assert.match(body, /<a href="#" class="reveal" data-uri="file:\/\/\/ws\/examples\/random-generator.yaml" data-range="22:23:22:30">podManagementPolicy <code>Paralel<\/code><\/a>/);
  assert.equal(text.includes('pod management OrderedReady'), false);
});

test('invalid retention values are marked in the PVC retention section', () => {
  const invalid = [{ field: 'persistentVolumeClaimRetentionPolicy.whenDeleted', value: 'delete', allowed: ['Retain', 'Delete'], range: range(30, 17, 23) }];
  assert.ok(textOf(renderPreviewBody(model({ invalid }))).includes('whenScaled Retain · whenDeleted delete invalid: rejected'));
});

test('names take the panel\'s foreground colour, so they stay readable in the High Contrast theme, and focus is outlined there', () => {
  const css = readFileSync(path.join(repoRoot, 'client/media/preview.css'), 'utf8');
  assert.match(css, /\ncode \{\n  color: inherit;/);
  assert.match(css, /body\.vscode-high-contrast :focus-visible, body\.vscode-high-contrast-light :focus-visible \{\n  outline: 1px dashed var\(--vscode-contrastActiveBorder/);
});

test('the apply plan section lists the steps in the model order with badges, each revealing its field, escaped', () => {
  const html = renderPreviewBody(
    model({
      plan: {
        title: 'Apply plan (against HEAD)',
        revision: 'HEAD',
        commit: '0123456789abcdef0123456789abcdef01234567',
        steps: [
          { severity: 'error', kind: 'refused', ruleId: 'immutable-field-changed', summary: 'serviceName "rg" → "<b>x</b>": refused by the API server', message: 'spec.serviceName changed…', range: range(20, 15, 27) },
          { severity: 'information', kind: 'scale-up', ruleId: 'apply-plan', summary: 'scale up 2 → 4: creates rg-2, rg-3', message: 'Scale-up from 2…', range: range(21, 12, 13) },
        ],
      },
    }),
  );
  const section = html.slice(html.indexOf('<section class="plan"'), html.indexOf('</section>', html.indexOf('<section class="plan"')));
  assert.match(section, /<h2 id="plan-title">Apply plan \(against HEAD\) <span class="muted">0123456789ab<\/span><\/h2>/);
  assert.match(section, /<li class="plan-step plan-refused"><a href="#" class="reveal" data-uri="file:\/\/\/ws\/examples\/random-generator.yaml" data-range="20:15:20:27"><span class="badge badge-error">refused<\/span> <span class="plan-summary">serviceName &quot;rg&quot; → &quot;&lt;b&gt;x&lt;\/b&gt;&quot;: refused by the API server<\/span><\/a>/);
  assert.ok(section.indexOf('plan-refused') < section.indexOf('plan-scale-up'));
  assert.match(section, /<span class="badge badge-info">apply<\/span> <span class="plan-summary">scale up 2 → 4: creates rg-2, rg-3<\/span>/);
  // Right under the header, before the what-if and the issue list.
  assert.ok(html.indexOf('<section class="plan"') < html.indexOf('<section class="whatif"'));
});

test('a plan without steps shows its one line why; a model without a plan has no plan section', () => {
  const html = renderPreviewBody(model({ plan: { title: 'Apply plan (against HEAD)', revision: 'HEAD', note: 'No apply plan: /ws is not in a git repository.', steps: [] } }));
  assert.match(html, /<h2 id="plan-title">Apply plan \(against HEAD\)<\/h2>\n<p class="plan-note">No apply plan: \/ws is not in a git repository\.<\/p>\n<\/section>/);
  assert.doesNotMatch(renderPreviewBody(model()), /class="plan"/);
});
