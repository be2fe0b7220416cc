// `npm run bench`: this language server against yaml-language-server 2.0.0 in the same run (fresh processes per
// session, interleaved, same bundled schema), on generated files of N = 1, 100 and 1000 headless Service +
// StatefulSet pairs and a small file opened next to 10 MB of other YAML; plus the parse floor (a cold `yaml`
// parse) and whole-corpus analysis time. Prints a table of medians and ratios, then the budgets (issue 8's
// targets, mostly ratios); exits 1 when one is exceeded. `npm run bench -- --quick` runs one session per
// cell and N = 1 and 100 only (a smoke run: its numbers are noisy). More sections plug in through SECTIONS.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusTimes } from './bench/corpus.mjs';
import { benchHostile } from './benchHostile.mjs';
import { median, runSideBySide } from './bench/sideBySide.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const RUNS = Number(process.env.BENCH_RUNS ?? (quick ? 1 : 3));
const argValue = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]?.split(',') : undefined;
};
// `--only workspace` (or `files`) runs one case of the side-by-side section and skips the other sections;
// `--sizes 1,1000` picks the N of the file sessions; `--servers ours,yamlLs` the servers. For A/B runs of one cell.
const ONLY = argValue('--only');
const SIZES = argValue('--sizes')?.map(Number) ?? (quick ? [1, 100] : [1, 100, 1000]);
const SERVERS = argValue('--servers');
const SIZES_GIVEN = process.argv.includes('--sizes');
for (const file of ['dist/server.js', 'node_modules/yaml-language-server/bin/yaml-language-server']) {
  if (!existsSync(path.join(root, file))) {
    console.error(`${file} is missing: run npm ci and node scripts/build.mjs first`);
    process.exit(1);
  }
}
const log = (line) => console.error(line);

/**
 * Sections of the benchmark, run in order. Each is `{ title, run(harness) }`; `run` resolves to
 * `{ lines, budgets }`: markdown lines to print, and budgets `{ what, value, limit, unit }` (value ≤ limit
 * passes). The harness gives the repository root, the run count, quick mode and a progress logger.
 */
const SECTIONS = ONLY ? [{ title: `Side by side, only ${ONLY.join(', ')}`, run: sideBySideSection }] : [
  { title: 'Side by side with yaml-language-server 2.0.0', run: sideBySideSection },
  { title: 'Whole-corpus analysis', run: corpusSection },
  // Issue 9's limits on pathological inputs (scripts/benchHostile.mjs, also runnable alone); `--no-hostile` skips it.
  ...(process.argv.includes('--no-hostile') ? [] : [{ title: 'Hostile inputs: worst request time, memory, internal errors', run: hostileSection }]),
];

const harness = { root, runs: RUNS, quick, log };
const lines = [`StatefulSet Lens benchmark — node ${process.version}, ${RUNS} session(s) per cell, medians; load average ${loadavg()[0].toFixed(2)} at the start${quick ? '; quick mode' : ''}`];
const budgets = [];
for (const section of SECTIONS) {
  const out = await section.run(harness);
  lines.push('', `### ${section.title}`, '', ...out.lines);
  budgets.push(...out.budgets);
}
lines.push('', '### Budgets', '', '| budget | measured | limit | |', '|---|---|---|---|');
const over = [];
// A partial run (--only, --sizes, --servers) checks only the budgets it measured.
for (const b of budgets.filter((b) => b.value !== undefined || !(ONLY || SIZES_GIVEN || SERVERS))) {
  const ok = b.value !== undefined && b.value <= b.limit;
  if (!ok) over.push(b.what);
  lines.push(`| ${b.what} | ${fmt(b.value, b.unit)} | ≤ ${fmt(b.limit, b.unit)} | ${ok ? 'ok' : 'OVER'} |`);
}
console.log(lines.join('\n'));
if (over.length) {
  console.error(`over budget: ${over.join('; ')}`);
  process.exitCode = 1;
}

function fmt(v, unit) {
  if (v === undefined) return 'n/a';
  if (unit === '×') return `${v < 0.1 ? v.toFixed(3) : v.toFixed(2)}×`;
  if (unit === 'MB') return `${v.toFixed(0)} MB`;
  if (unit === 'inputs') return `${v} input${v === 1 ? '' : 's'}`;
  return `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`;
}

async function sideBySideSection({ root, runs, log }) {
  const m = await runSideBySide(root, { sizes: SIZES, runs, log, ...(ONLY && { only: ONLY }), ...(SERVERS && { serverKeys: SERVERS }) });
  for (const key of ['ours', 'oursNoSchema', 'yamlLs', 'floor']) m[key] ??= {};
  const cell = (key, n, metric, unit = 'ms', against = 'yamlLs') => {
    const v = m[key]?.[n]?.[metric];
    if (v === undefined) return '–';
    const base = m[against]?.[n]?.[metric];
    const ratio = base ? ` (${(v / base).toFixed(2)}×)` : '';
    return `${fmt(v, unit)}${key === against ? '' : ratio}`;
  };
  const row = (what, key, metric, unit, against) => `| ${what} | ${SIZES.map((n) => cell(key, n, metric, unit, against)).join(' | ')} |`;
  const floorRow = (what, key) => `| ${what} | ${SIZES.map((n) => {
    const v = m[key]?.[n]?.open;
    const floor = m.floor?.[n]?.parse;
    return v === undefined ? '–' : `${fmt(v)} (${(v / floor).toFixed(2)}× parse)`;
  }).join(' | ')} |`;
  const out = [
    'Ratios are against yaml-language-server on the same file in the same run. "schema off" is this server with',
    '`statefulsetLens.schemaValidation: off`; with it on, the schema is checked by a generated ajv validator on the',
    'analysis\' own parse, per YAML document (files over 1 MB are not schema-validated).',
    '',
    `| metric | ${SIZES.map((n) => `N=${n}`).join(' | ')} |`,
    `|---|${SIZES.map(() => '---').join('|')}|`,
    row('edit (one replicas value) → diagnostics', 'ours', 'edit'),
    row('edit → diagnostics, schema off', 'oursNoSchema', 'edit'),
    row('edit → diagnostics, yaml-language-server', 'yamlLs', 'edit'),
    row('didOpen → diagnostics', 'ours', 'open'),
    row('didOpen → diagnostics, schema off', 'oursNoSchema', 'open'),
    floorRow('didOpen → diagnostics, against the parse floor', 'ours'),
    row('didOpen → diagnostics, yaml-language-server', 'yamlLs', 'open'),
    row('parse floor: a cold `yaml` parse of the text', 'floor', 'parse', 'ms', 'floor'),
    row('completion (serviceName value)', 'ours', 'completion'),
    row('completion, yaml-language-server', 'yamlLs', 'completion'),
    row('hover (serviceName key)', 'ours', 'hover'),
    row('hover, yaml-language-server', 'yamlLs', 'hover'),
    row('code lenses (yaml-language-server has none)', 'ours', 'lens', 'ms', 'ours'),
    row('start-up: spawn → initialize result', 'ours', 'startup'),
    row('start-up, yaml-language-server', 'yamlLs', 'startup'),
    row('peak RSS', 'ours', 'rss', 'MB'),
    row('peak RSS, schema off', 'oursNoSchema', 'rss', 'MB'),
    row('peak RSS, yaml-language-server', 'yamlLs', 'rss', 'MB'),
    '',
    'A one-pair file opened right after start-up in a folder that also holds 10 MB of other YAML (56 files: 9 MB of',
    'Deployments and ConfigMaps, 1 MB of Services):',
    '',
    '| metric | this server | schema off | yaml-language-server |',
    '|---|---|---|---|',
    `| didOpen → diagnostics | ${fmt(m.ours.workspace?.open)} (${(m.ours.workspace?.open / m.yamlLs.workspace?.open).toFixed(2)}×) | ${fmt(m.oursNoSchema.workspace?.open)} | ${fmt(m.yamlLs.workspace?.open)} |`,
    `| peak RSS | ${fmt(m.ours.workspace?.rss, 'MB')} | ${fmt(m.oursNoSchema.workspace?.rss, 'MB')} | ${fmt(m.yamlLs.workspace?.rss, 'MB')} |`,
  ];
  const big = SIZES.at(-1);
  const ratio = (key, n, metric, against = 'yamlLs') => {
    const v = m[key]?.[n]?.[metric];
    const base = m[against]?.[n]?.[metric];
    return v === undefined || !base ? undefined : v / base;
  };
  // Issue 8's targets, with default settings (schema validation on).
  const budgets = [
    { what: `edit → diagnostics at N=${big} against yaml-language-server`, value: ratio('ours', big, 'edit'), limit: big >= 1000 ? 0.05 : 0.2, unit: '×' },
    { what: 'edit → diagnostics at N=100', value: m.ours[100]?.edit, limit: 60 },
    { what: `didOpen → diagnostics at N=${big} against the parse floor`, value: m.ours[big] && m.floor[big] && m.ours[big].open / m.floor[big].parse, limit: 1.1, unit: '×' },
    { what: 'didOpen → diagnostics at N=1 next to 10 MB of other YAML', value: m.ours.workspace?.open, limit: 150 },
    { what: `peak RSS at N=${big} against yaml-language-server`, value: ratio('ours', big, 'rss'), limit: 0.6, unit: '×' },
    { what: 'peak RSS at N=1', value: m.ours[1]?.rss, limit: 80, unit: 'MB' },
    // No regression: today's ratios (issue 8) with room for a noisy shared machine.
    { what: `completion at N=${big} against yaml-language-server`, value: ratio('ours', big, 'completion'), limit: 0.3, unit: '×' },
    { what: `hover at N=${big} against yaml-language-server`, value: ratio('ours', big, 'hover'), limit: 1, unit: '×' },
    { what: 'start-up against yaml-language-server', value: ratio('ours', 1, 'startup'), limit: 0.5, unit: '×' },
    { what: `code lenses at N=${big}`, value: m.ours[big]?.lens, limit: big >= 1000 ? 300 : 100 },
  ];
  return { lines: out, budgets };
}

async function corpusSection({ root, runs }) {
  const corpus = await corpusTimes(root, Math.max(3, runs));
  if (!corpus) return { lines: ['../shared/corpus is missing: not measured.'], budgets: [] };
  const m = median(corpus.times);
  return {
    lines: [`${corpus.files} files, ${(corpus.bytes / 1024).toFixed(0)} KB, ${corpus.findings} findings; parse + identities + rules in one workspace: ${fmt(m)} (median of ${corpus.times.length}).`],
    budgets: [{ what: 'analysis of the whole corpus', value: m, limit: 1000 }],
  };
}

async function hostileSection({ log }) {
  log('hostile inputs (full size)…');
  const { rows, broken } = await benchHostile();
  return {
    lines: [...rows, '', broken.length ? `Limits broken: ${broken.join('; ')}` : 'Every input within the limits (1 s a request, first diagnostics ≤ 1.5× the yaml parse in a fresh process, 300 MB, no internal error).'],
    budgets: [{ what: 'hostile inputs over a limit', value: broken.length, limit: 0, unit: 'inputs' }],
  };
}
