// What this server answers when Red Hat's YAML extension is active beside it (the client says so in
// initializationOptions): that extension already gives the schema's keys, enum values, hovers and the outline, so
// only what it cannot know stays. Pure: no LSP package (only its types), no IO.
import type { CompletionItem } from 'vscode-languageserver-types';

const ENUM_MEMBER = 20;

/** Whether any of our items is an enum value, which the schema may offer too (only then is the schema asked). */
export function hasEnumValues(own: readonly CompletionItem[]): boolean {
  return own.some((i) => i.kind === ENUM_MEMBER);
}

/**
 * Our completion items minus the enum values the schema offers at the same position (Red Hat's extension
 * offers those from its own copy of the schema); workspace values (Services, mounts, storage classes, selector
 * labels) and snippets are ours alone and stay. `schemaItems` is what the bundled schema offers there.
 */
export function ownCompletionsBesideRedHat(own: readonly CompletionItem[], schemaItems: readonly CompletionItem[]): CompletionItem[] {
  const offered = new Set(schemaItems.map((i) => i.label));
  return own.filter((i) => !(i.kind === ENUM_MEMBER && offered.has(i.label)));
}
