// Where the cursor is in a YAML document, read from the lines around it rather than from a parse: while a
// user types, the text is often not valid YAML yet (`serviceName: ` with nothing after it, a lone `- `).
// Gives the key path from the document root (`-` for a sequence item) and what is being typed. Pure.

export interface CursorContext {
  /** Keys from the document root to the cursor; `-` marks a sequence item. Ends with the key being completed. */
  path: string[];
  /** True when the cursor is after `key:` on its line (a value is being typed), false at a key position. */
  inValue: boolean;
  /** True when the value is inside a flow sequence (`accessModes: [Read`). */
  inFlowSequence: boolean;
  /** What is typed so far (the key prefix or the value prefix), and where it starts on the cursor line. */
  prefix: string;
  prefixStart: number;
  /** Column of the cursor line's first key (after `- `), i.e. the indentation of inserted keys. */
  keyColumn: number;
  /** True when the cursor line starts a sequence item (`- ` before the cursor). */
  onItemLine: boolean;
  /** True when the document holding the cursor has no content at all (only blanks and comments). */
  emptyDocument: boolean;
}

interface LineShape {
  /** Column of `-` when the line starts a sequence item. */
  dash?: number;
  /** Column and name of the line's first key, if the line has one. */
  key?: { column: number; name: string };
}

const KEY = /^((?:"[^"]*"|'[^']*'|[^\s#'"{[\]][^:#]*?)):(?:\s|$)/;

function unquote(k: string): string {
  return /^["'].*["']$/.test(k) ? k.slice(1, -1) : k.trim();
}

function shapeOf(line: string): LineShape | undefined {
  let col = line.search(/\S/);
  if (col < 0 || line[col] === '#') return undefined;
  const shape: LineShape = {};
  if (line[col] === '-' && (line.length === col + 1 || /\s/.test(line[col + 1]))) {
    shape.dash = col;
    const rest = line.slice(col + 1).search(/\S/);
    if (rest < 0) return shape;
    col = col + 1 + rest;
  }
  const m = KEY.exec(line.slice(col));
  if (m) shape.key = { column: col, name: unquote(m[1]) };
  return shape;
}

const isDocumentMarker = (line: string) => /^(---|\.\.\.)(\s|$)/.test(line);

export function cursorContext(text: string, line: number, character: number): CursorContext {
  // Lines as LSP counts them (a lone \r ends a line too); a position past the end is on the last line.
  const lines = text.split(/\r\n|\r|\n/);
  line = Math.max(0, Math.min(line, lines.length - 1));
  const current = lines[line] ?? '';
  const before = current.slice(0, character);

  // The cursor line: `  - key: val|`, `  key: val|`, `  ke|`, `  - |`.
  let keyColumn = before.search(/\S/);
  if (keyColumn < 0) keyColumn = before.length;
  let onItemLine = false;
  let itemColumn: number | undefined;
  if (before[keyColumn] === '-' && (before.length === keyColumn + 1 || /\s/.test(before[keyColumn + 1]))) {
    onItemLine = true;
    itemColumn = keyColumn;
    const rest = before.slice(keyColumn + 1).search(/\S/);
    keyColumn = rest < 0 ? before.length : keyColumn + 1 + rest;
  }
  const tail: string[] = [];
  let inValue = false;
  let inFlowSequence = false;
  let prefix: string;
  let prefixStart: number;
  const keyMatch = KEY.exec(before.slice(keyColumn));
  if (keyMatch) {
    inValue = true;
    tail.push(unquote(keyMatch[1]));
    const valueStart = keyColumn + keyMatch[0].length;
    let value = before.slice(valueStart);
    let offset = valueStart;
    const bracket = value.lastIndexOf('[');
    if (bracket >= 0 && !value.slice(bracket).includes(']')) {
      inFlowSequence = true;
      const after = value.slice(bracket + 1);
      const lastComma = after.lastIndexOf(',');
      offset += bracket + 1 + lastComma + 1;
      value = after.slice(lastComma + 1);
    }
    const lead = value.length - value.trimStart().length;
    prefix = value.trimStart().replace(/^["']/, '');
    prefixStart = offset + lead + (/^["']/.test(value.trimStart()) ? 1 : 0);
  } else {
    prefix = before.slice(keyColumn);
    prefixStart = keyColumn;
  }
  if (onItemLine) tail.push('-');

  // Walk up: a key at a smaller column is the parent of a key; a key at the same or a smaller column is
  // the parent of a sequence item (compact sequences put `-` under the parent key's first letter).
  let threshold = itemColumn ?? keyColumn;
  let thresholdIsDash = itemColumn !== undefined;
  if (!onItemLine && !inValue && keyColumn === before.length && character >= current.length) {
    // A blank line: its indentation is what the user is about to type at.
    threshold = keyColumn;
  }
  const parents: string[] = [];
  let emptyDocument = current.trim() === '' || current.trim().startsWith('#');
  for (let i = line - 1; i >= 0 && threshold > 0; i--) {
    if (isDocumentMarker(lines[i])) break;
    const shape = shapeOf(lines[i]);
    if (!shape) continue;
    emptyDocument = false;
    if (shape.key && (shape.key.column < threshold || (thresholdIsDash && shape.key.column <= threshold))) {
      parents.push(shape.key.name);
      threshold = shape.key.column;
      thresholdIsDash = false;
    }
    if (shape.dash !== undefined && shape.dash < threshold) {
      parents.push('-');
      threshold = shape.dash;
      thresholdIsDash = true;
    }
  }
  if (emptyDocument) {
    for (let i = line - 1; i >= 0 && !isDocumentMarker(lines[i]); i--) if (shapeOf(lines[i])) emptyDocument = false;
    for (let i = line + 1; i < lines.length && !isDocumentMarker(lines[i]); i++) if (shapeOf(lines[i])) emptyDocument = false;
  }
  // Reversed parents, then the cursor line's own item and key (tail was pushed key first, then `-`).
  return {
    path: [...parents.reverse(), ...tail.reverse()],
    inValue,
    inFlowSequence,
    prefix,
    prefixStart,
    keyColumn,
    onItemLine,
    emptyDocument,
  };
}
