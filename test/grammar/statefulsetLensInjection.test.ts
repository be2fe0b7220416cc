// Tests of syntaxes/statefulsetLensInjection.tmLanguage.json, tokenized by VS Code's own engine and YAML grammar:
// Helm / Go-template actions get template scopes without disturbing the YAML around them, and suppression
// comments highlight their directive and rule ids. Expectations are whole rendered lines, so a failure shows
// the actual tokens ready to paste.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tokenizeYaml } from '../support/tokenizeYaml';

const OURS = /go-template|statefulset-lens/;
/** Scopes that wrap every token of an action or a directive comment; left out to keep expectations short. */
const WRAPPERS = new Set(['meta.embedded.block.go-template', 'source.go-template', 'meta.directive.suppression.statefulset-lens']);

/**
 * Renders each non-blank token as `text=scopes`: all its scopes (minus wrappers) when this grammar touched it,
 * else only its innermost YAML scope. The one shape every test compares.
 */
async function checkTokens(yaml: string, expected: string[]): Promise<void> {
  const lines = await tokenizeYaml(yaml);
  const actual = lines.flatMap((tokens) =>
    tokens
      .filter((t) => t.text.trim() !== '')
      .map((t) => {
        const ours = t.scopes.some((s) => OURS.test(s));
        const shown = ours ? t.scopes.filter((s) => !WRAPPERS.has(s)) : t.scopes.slice(-1);
        return `${t.text.trim()}=${shown.join(' ')}`;
      }),
  );
  assert.deepEqual(actual, expected, `actual:\n${JSON.stringify(actual, null, 2)}`);
}

test('a Helm action on a line of its own is a template, and the YAML after it keeps its own scopes', async () => {
  await checkTokens('{{- if .Values.persistence.enabled }}\napiVersion: apps/v1', [
    '{{-=punctuation.section.embedded.begin.go-template',
    'if=keyword.control.go-template',
    '.Values=variable.other.property.go-template',
    '.persistence=variable.other.property.go-template',
    '.enabled=variable.other.property.go-template',
    '}}=punctuation.section.embedded.end.go-template',
    'apiVersion=entity.name.tag.yaml',
    ':=punctuation.separator.map.value.yaml',
    'apps/v1=string.unquoted.plain.out.yaml',
  ]);
});

test('an action as a mapping value gets function, string, dot, pipe and number scopes', async () => {
  await checkTokens('  name: {{ include "rg.fullname" . | trunc 63 }}', [
    'name=entity.name.tag.yaml',
    ':=punctuation.separator.map.value.yaml',
    '{{=punctuation.section.embedded.begin.go-template',
    'include=support.function.go-template',
    '"=string.quoted.double.go-template',
    'rg.fullname=string.quoted.double.go-template',
    '"=string.quoted.double.go-template',
    '.=variable.language.dot.go-template',
    '|=keyword.operator.pipe.go-template',
    'trunc=support.function.go-template',
    '63=constant.numeric.go-template',
    '}}=punctuation.section.embedded.end.go-template',
  ]);
});

test('actions inside quoted and plain scalars are templates nested in the YAML string', async () => {
  const lines = await tokenizeYaml('image: "repo/{{ .Values.tag }}"\nother: repo/{{ $tag := .Values.tag }}:v1');
  const open = lines.map((tokens) => tokens.find((t) => t.text === '{{'));
  assert.deepEqual(open.map((t) => t?.scopes), [
    ['string.quoted.double.yaml', 'meta.embedded.block.go-template', 'punctuation.section.embedded.begin.go-template'],
    ['string.unquoted.plain.out.yaml', 'meta.embedded.block.go-template', 'punctuation.section.embedded.begin.go-template'],
  ]);
  await checkTokens('other: repo/{{ $tag := .Values.tag }}:v1', [
    'other=entity.name.tag.yaml',
    ':=punctuation.separator.map.value.yaml',
    'repo/=string.unquoted.plain.out.yaml',
    '{{=string.unquoted.plain.out.yaml punctuation.section.embedded.begin.go-template',
    '$tag=string.unquoted.plain.out.yaml variable.other.go-template',
    ':==string.unquoted.plain.out.yaml keyword.operator.assignment.go-template',
    '.Values=string.unquoted.plain.out.yaml variable.other.property.go-template',
    '.tag=string.unquoted.plain.out.yaml variable.other.property.go-template',
    '}}=string.unquoted.plain.out.yaml punctuation.section.embedded.end.go-template',
    ':v1=string.unquoted.plain.out.yaml',
  ]);
});

test('a template comment is one comment, and a trimmed action nested in parentheses closes properly', async () => {
  await checkTokens('{{- /* pick the size */ -}}\nsize: {{ (default "1Gi" .Values.size) }}', [
    '{{- /*=comment.block.go-template punctuation.definition.comment.begin.go-template',
    'pick the size=comment.block.go-template',
    '*/ -}}=comment.block.go-template punctuation.definition.comment.end.go-template',
    'size=entity.name.tag.yaml',
    ':=punctuation.separator.map.value.yaml',
    '{{=punctuation.section.embedded.begin.go-template',
    '(=meta.group.go-template punctuation.section.parens.begin.go-template',
    'default=meta.group.go-template support.function.go-template',
    '"=meta.group.go-template string.quoted.double.go-template',
    '1Gi=meta.group.go-template string.quoted.double.go-template',
    '"=meta.group.go-template string.quoted.double.go-template',
    '.Values=meta.group.go-template variable.other.property.go-template',
    '.size=meta.group.go-template variable.other.property.go-template',
    ')=meta.group.go-template punctuation.section.parens.end.go-template',
    '}}=punctuation.section.embedded.end.go-template',
  ]);
});

test('a disable-next-line comment highlights the directive, each rule id and the reason', async () => {
  await checkTokens('  # statefulset-lens-disable-next-line service-not-headless, missing-service -- demo only', [
    '#=comment.line.number-sign.yaml punctuation.definition.comment.yaml',
    'statefulset-lens-disable-next-line=comment.line.number-sign.yaml keyword.control.directive.statefulset-lens',
    'service-not-headless=comment.line.number-sign.yaml variable.other.rule-id.statefulset-lens',
    ',=comment.line.number-sign.yaml punctuation.separator.comma.statefulset-lens',
    'missing-service=comment.line.number-sign.yaml variable.other.rule-id.statefulset-lens',
    '--=comment.line.number-sign.yaml comment.line.description.statefulset-lens punctuation.separator.description.statefulset-lens',
    'demo only=comment.line.number-sign.yaml comment.line.description.statefulset-lens',
  ]);
});

test('a document-level disable comment after a value is highlighted, the value before it stays YAML', async () => {
  await checkTokens('serviceName: rg # statefulset-lens-disable', [
    'serviceName=entity.name.tag.yaml',
    ':=punctuation.separator.map.value.yaml',
    'rg=string.unquoted.plain.out.yaml',
    '#=comment.line.number-sign.yaml punctuation.definition.comment.yaml',
    'statefulset-lens-disable=comment.line.number-sign.yaml keyword.control.directive.statefulset-lens',
  ]);
});

test('ordinary comments, look-alike directives and templates inside comments stay plain comments', async () => {
  const lines = await tokenizeYaml('# statefulset-lens-disable-line foo\n# note {{ .Values.x }}\nkey: a#statefulset-lens-disable');
  const ours = lines.flat().filter((t) => t.scopes.some((s) => OURS.test(s)));
  assert.deepEqual(ours, []);
  assert.deepEqual(lines[1]!.map((t) => t.scopes.at(-1)), ['punctuation.definition.comment.yaml', 'comment.line.number-sign.yaml']);
});

test('package.json contributes the grammar as an injection into source.yaml under its own scope name', () => {
  const root = path.resolve(__dirname, '../..');
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const [grammar] = manifest.contributes.grammars;
  const file = JSON.parse(readFileSync(path.join(root, grammar.path), 'utf8'));
  assert.deepEqual(grammar.injectTo, ['source.yaml']);
  assert.equal(file.scopeName, grammar.scopeName);
  assert.equal(file.injectionSelector, 'L:source.yaml -comment');
});
