// The embedded yaml-language-server language service: schema-driven completion, hover and symbols for
// StatefulSet, Service and PersistentVolumeClaim documents, from the schema bundled next to the server
// (schema diagnostics come from server/src/schema/, on the analysis' own parse).
// It is never handed our connection and never reaches the network; documents it has seen are evicted on close.
import { readFile } from 'node:fs/promises';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocument as TextDocuments } from 'vscode-languageserver-textdocument';
import type { CompletionList, DocumentSymbol, Hover, Position } from 'vscode-languageserver-types';

/** The shape of the lazily loaded module (see ylsEntry.ts). */
export type YlsModule = typeof import('./ylsEntry.js');

/** The id the schema is known by inside the language service; it is never fetched, only matched. */
export const SCHEMA_URI = 'statefulset-lens://schemas/k8s-statefulset-lens.schema.json';
export const SCHEMA_FILE_NAME = 'k8s-statefulset-lens.schema.json';

export interface YamlEngine {
  /** Key and value completions from the schema (with the multi-document workaround). */
  complete(doc: TextDocument, position: Position): Promise<CompletionList>;
  hover(doc: TextDocument, position: Position): Promise<Hover | null>;
  symbols(doc: TextDocument): DocumentSymbol[];
  /** Drops the library's parse cache entry of a closed document. */
  forget(uri: string): void;
}

export interface YamlEngineOptions {
  /** Absolute path of the generated schema file. */
  schemaPath: string;
  /** Where the library's swallowed exceptions are reported (they would otherwise vanish). */
  logError?: (message: string) => void;
  /** Where a throw out of the library is reported (the request is answered without the schema); console.warn,
   * which main.ts routes to the client as a Warning, when not given. */
  logWarning?: (message: string) => void;
}

export function createYamlEngine(yls: YlsModule, options: YamlEngineOptions): YamlEngine {
  let schemaText: Promise<string> | undefined;
  const service = yls.getLanguageService({
    schemaRequestService: async (uri: string) => {
      if (uri.split('#')[0] === SCHEMA_URI) return (schemaText ??= readFile(options.schemaPath, 'utf8').then(withoutDraft));
      // Modelines and `$schema` keys can name remote schemas; we never download, the library reports this.
      throw new Error(`schema ${uri} is not available offline`);
    },
    workspaceContext: { resolveRelativePath: (relativePath: string, resource: string) => new URL(relativePath, resource).toString() },
    telemetry: {
      send() {},
      sendError: (name: string, properties: unknown) => options.logError?.(`[yaml] ${name}: ${JSON.stringify(properties)}`),
      sendTrack() {},
    },
    // Without a locale, 2.0.0 throws inside its error localiser and silently drops every diagnostic.
    // Only `locale` and the (off by default) CRD store flags are read from this object.
    yamlSettings: { locale: 'en' } as unknown as Parameters<YlsModule['getLanguageService']>[0]['yamlSettings'],
    clientCapabilities: {
      textDocument: {
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      },
    },
  });
  service.configure({
    validate: true,
    completion: true,
    hover: true,
    format: false,
    hoverSchemaSource: false,
    isKubernetes: false,
    yamlVersion: '1.2',
    // Hover and symbols parse with `customTags: []`; the same value here keeps one parse per version.
    customTags: [],
    schemas: [{ uri: SCHEMA_URI, fileMatch: ['*'] }],
  });
  // The library matches fileMatch globs against the document URI without picomatch's `dot` option, so a file
  // under a dot-directory (`~/.config/…`) would get no schema. It sees every document under an alias URI with
  // no dot segments instead; none of its results carry the URI back.
  const aliasOf = (uri: string) => `statefulset-lens:/documents/${encodeURIComponent(uri)}`;
  const aliased = (doc: TextDocument, uri = aliasOf(doc.uri)): TextDocument => Object.create(doc, { uri: { value: uri } });
  const cache = (yls.yamlDocumentsCache as unknown as { cache: Map<string, unknown> }).cache;
  let virtualVersion = 0;

  /**
   * A throw inside the library (an input ylsBudget.ts does not know of yet) costs the user the schema's answer,
   * never a JSON-RPC internal error: it is logged as a warning naming the request and the empty answer given.
   */
  const logWarning = options.logWarning ?? ((message: string) => console.warn(message));
  const guarded = async <T>(what: string, doc: TextDocument, empty: T, run: () => T | Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      logWarning(`[yaml] ${what} of ${doc.uri} threw ${String((err as Error)?.message ?? err).slice(0, 200)}; answered without the schema`);
      return empty;
    }
  };

  return {
    complete: (doc, position) => guarded('completion', doc, { isIncomplete: false, items: [] }, () => complete(doc, position)),
    hover: (doc, position) => guarded('hover', doc, null, () => service.doHover(aliased(doc), position)),
    symbols: (doc) => {
      try {
        return service.findDocumentSymbols2(aliased(doc), { resultLimit: 5000 });
      } catch (err) {
        logWarning(`[yaml] document symbols of ${doc.uri} threw ${String((err as Error)?.message ?? err).slice(0, 200)}; answered without the schema`);
        return [];
      }
    },
    forget: (uri) => void cache.delete(aliasOf(uri)),
  };

  async function complete(doc: TextDocument, position: Position): Promise<CompletionList> {
    const list = await service.doComplete(aliased(doc), position, false);
    if (list.items.length > 0) return dropDefinitionSnippets(list);
    // yaml-language-server returns nothing on a blank line under an empty key when the file holds several
    // documents; completing on a copy where the other documents are blanked keeps line numbers (and so
    // the returned edit ranges) valid for the real document.
    const isolated = isolateDocument(doc.getText(), position.line);
    if (isolated === doc.getText()) return list;
    const virtualUri = `${aliasOf(doc.uri)}~completion`;
    const virtual = TextDocuments.create(virtualUri, doc.languageId, ++virtualVersion, isolated);
    try {
      return dropDefinitionSnippets(await service.doComplete(virtual, position, false));
    } finally {
      cache.delete(virtualUri);
    }
  }
}

/**
 * The bundled schema without its leading `"$schema"` key. The library checks a schema that names its draft
 * against that draft's meta-schema, compiling an ajv validator for it (about 4 MB and 40 ms, on the first
 * request); ours is generated at build time, and without the key the library reads it as draft-07 — what it is.
 */
export function withoutDraft(schemaText: string): string {
  return schemaText.replace(/^\{\s*"\$schema":\s*"http:\/\/json-schema\.org\/draft-07\/schema#",/, '{');
}

/** yaml-language-server also offers one item per schema definition (kind 7, labelled with its Go type name). */
function dropDefinitionSnippets(list: CompletionList): CompletionList {
  return { ...list, items: list.items.filter((i) => !(i.kind === 7 && /^io\.k8s\./.test(i.label))) };
}

/** The text with every line outside the YAML document that holds `line` blanked (line count unchanged). */
export function isolateDocument(text: string, line: number): string {
  const lines = text.split('\n');
  let start = 0;
  let end = lines.length;
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    if (/^---(\s|$)/.test(lines[i])) {
      start = i + 1;
      break;
    }
  }
  for (let i = line + 1; i < lines.length; i++) {
    if (/^(---|\.\.\.)(\s|$)/.test(lines[i])) {
      end = i;
      break;
    }
  }
  return lines.map((l, i) => (i >= start && i < end ? l : l.endsWith('\r') ? '\r' : '')).join('\n');
}

/** Loads yaml-language-server on first use and builds one engine; later calls share the same promise. */
export function lazyYamlEngine(options: YamlEngineOptions): () => Promise<YamlEngine> {
  let engine: Promise<YamlEngine> | undefined;
  return () => (engine ??= import('./ylsEntry.js').then((yls) => createYamlEngine(yls, options)));
}
