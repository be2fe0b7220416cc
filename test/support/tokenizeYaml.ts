// Tokenizes YAML the way VS Code does: vscode-textmate + vscode-oniguruma, VS Code's own YAML grammars (from the
// @codingame/monaco-vscode-yaml-default-extension dev dependency) and our injection grammar, wired as
// package.json's `injectTo` declares. Used by the grammar tests only; it reads files but changes nothing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { grammars: { scopeName: string; path: string; injectTo?: string[] }[] };
};
const yamlResources = path.join(path.dirname(require.resolve('@codingame/monaco-vscode-yaml-default-extension/package.json')), 'resources');

/** Grammar files by scope: VS Code's YAML family plus whatever our package.json contributes. */
const grammarFiles: Record<string, string> = {
  'source.yaml': path.join(yamlResources, 'yaml.tmLanguage.json'),
  'source.yaml.1.0': path.join(yamlResources, 'yaml-1.0.tmLanguage.json'),
  'source.yaml.1.1': path.join(yamlResources, 'yaml-1.1.tmLanguage.json'),
  'source.yaml.1.2': path.join(yamlResources, 'yaml-1.2.tmLanguage.json'),
  'source.yaml.1.3': path.join(yamlResources, 'yaml-1.3.tmLanguage.json'),
  'source.yaml.embedded': path.join(yamlResources, 'yaml-embedded.tmLanguage.json'),
};
const injections = new Map<string, string[]>();
for (const g of manifest.contributes.grammars) {
  grammarFiles[g.scopeName] = path.join(root, g.path);
  for (const target of g.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), g.scopeName]);
}

let grammar: Promise<vsctm.IGrammar> | undefined;

function loadYamlGrammar(): Promise<vsctm.IGrammar> {
  grammar ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      // The file path as second argument makes vscode-textmate parse JSON instead of plist XML. Scopes we do not
      // ship (languages embedded in YAML) resolve to null, as in a VS Code without those extensions.
      loadGrammar: async (scope) => (grammarFiles[scope] ? vsctm.parseRawGrammar(readFileSync(grammarFiles[scope], 'utf8'), grammarFiles[scope]) : null),
      getInjections: (scope) => injections.get(scope),
    });
    const loaded = await registry.loadGrammar('source.yaml');
    if (!loaded) throw new Error('source.yaml did not load');
    return loaded;
  })();
  return grammar;
}

export interface Token {
  text: string;
  scopes: string[];
}

/** Tokens per line, with the stream/document/mapping scopes that every YAML token carries left out. */
export async function tokenizeYaml(text: string): Promise<Token[][]> {
  const g = await loadYamlGrammar();
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const result = g.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({
      text: line.slice(t.startIndex, t.endIndex),
      scopes: t.scopes.slice(1).filter((s) => !/^meta\.(stream|document|mapping|map\.(key|value))\.yaml$|^meta\.(map|mapping)\.yaml$/.test(s)),
    }));
  });
}
