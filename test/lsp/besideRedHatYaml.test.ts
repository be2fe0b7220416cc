// What completion keeps of our own items beside Red Hat's YAML extension: enum values the schema offers at the
// position go (that extension offers them), workspace values and snippets stay even when a schema item shares
// their label.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver-types';
import { hasEnumValues, ownCompletionsBesideRedHat } from '../../server/src/features/besideRedHatYaml';

const item = (label: string, kind: number): CompletionItem => ({ label, kind: kind as CompletionItem['kind'] });
const show = (items: CompletionItem[]) => items.map((i) => `${i.label} (${i.kind})`);

test('enum values the schema offers are dropped; those it does not offer stay', () => {
  const own = [item('OrderedReady', 20), item('Parallel', 20)];
  assert.deepEqual(show(ownCompletionsBesideRedHat(own, [item('OrderedReady', 12), item('Parallel', 12)])), []);
  assert.deepEqual(show(ownCompletionsBesideRedHat(own, [item('OrderedReady', 12)])), ['Parallel (20)']);
  assert.deepEqual(show(ownCompletionsBesideRedHat(own, [])), ['OrderedReady (20)', 'Parallel (20)']);
});

test('snippets and workspace values stay even when a schema key has the same label', () => {
  const own = [item('volumeClaimTemplates', 15), item('random-generator', 18), item('app: web', 12)];
  const schema = [item('volumeClaimTemplates', 10), item('random-generator', 12), item('app: web', 12)];
  assert.deepEqual(show(ownCompletionsBesideRedHat(own, schema)), ['volumeClaimTemplates (15)', 'random-generator (18)', 'app: web (12)']);
});

test('the schema is asked only when our items hold an enum value', () => {
  assert.equal(hasEnumValues([item('OrderedReady', 20)]), true);
  assert.equal(hasEnumValues([item('updateStrategy', 15), item('web', 18)]), false);
});
