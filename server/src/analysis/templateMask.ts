// Lets the YAML around Go-template (Helm) actions be read: every `{{ … }}` is replaced, in place and at the
// same length, so that offsets need no mapping. A line holding nothing but actions (`{{- if … }}`,
// `{{- include … | nindent 8 }}`, `{{- end }}`) becomes blank; an action inside a line (`name: {{ .Values.name }}`)
// becomes a placeholder scalar of the same length, which the tree converter reads back as the action's text.
// Pure; never throws.

const ACTION = /\{\{[\s\S]*?\}\}/g;
const PLACEHOLDER = 'x';

/** The text with template actions masked, or undefined when it has none. */
export function maskTemplateActions(text: string): string | undefined {
  ACTION.lastIndex = 0;
  if (!ACTION.test(text)) return undefined;
  ACTION.lastIndex = 0;
  const chars = text.split('');
  // Pass 1: replace every action with placeholders, keeping line breaks inside multi-line actions as blanks.
  const actionChars = new Uint8Array(text.length);
  for (let m = ACTION.exec(text); m; m = ACTION.exec(text)) {
    const multiLine = /[\r\n]/.test(m[0]);
    for (let i = m.index; i < m.index + m[0].length; i++) {
      actionChars[i] = 1;
      const c = text[i];
      if (c === '\n' || c === '\r') continue;
      chars[i] = multiLine ? ' ' : PLACEHOLDER;
    }
  }
  // Pass 2: lines whose only content is actions (and spaces, dashes of `{{-`) become blank lines.
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let onlyActions = false;
    let other = false;
    for (let i = lineStart; i < lineEnd; i++) {
      if (actionChars[i]) onlyActions = true;
      else if (text[i] !== ' ' && text[i] !== '\t' && text[i] !== '\r') {
        other = true;
        break;
      }
    }
    if (onlyActions && !other) for (let i = lineStart; i < lineEnd; i++) if (text[i] !== '\r') chars[i] = ' ';
    lineStart = lineEnd + 1;
  }
  return chars.join('');
}

/** True when the source text of a node holds a template action (its value is unknown until rendering). */
export function hasTemplateAction(source: string): boolean {
  return source.includes('{{') && source.includes('}}');
}
