// How the editor views word a Helm template's fields: the `.Values` path a field reads, or its expression, and
// the unknown-until-rendered facts that follow. Shared by the lenses, hovers and the preview model. Pure.
import type { StatefulSetIdentity } from '../analysis/index';

/** `.Values.replicas` when the expression is one action that reads a value (possibly piped), else undefined. */
export function valuesPath(expression: string): string | undefined {
  const m = /^\{\{-?\s*(\.Values(?:\.[A-Za-z_][A-Za-z0-9_]*)+)(?:\s*\|[^{}]*)?\s*-?\}\}$/.exec(expression.trim());
  return m?.[1];
}

/** `.Values.replicas`, or the expression as written when it is more than one value lookup. */
export function templateSource(expression: string): string {
  return valuesPath(expression) ?? expression.trim();
}

/** The expression of a templated field or name of `id` (`replicas`, `name`, `serviceName`, `updateStrategy.type`, …). */
export function templatedField(id: StatefulSetIdentity, field: string): string | undefined {
  return (id.templated?.find((t) => t.field === field) ?? id.templatedNames?.find((t) => t.field === field))?.expression;
}
