import type { Expr } from './ast.js';
import { badNeighbour, parseConditionConventionally, parseExpression } from './grammar.js';

// Corrected property values for refused expressions, each checked by parsing it again: a
// suggestion is offered only when it is accepted.

/** The expression as written, with parentheses added where the If grammar needs them. */
function print(e: Expr, source: string): string {
  switch (e.kind) {
    case 'group':
      return `(${print(e.expression, source)})`;
    case 'unary':
      return `${e.operator}${print(e.operand, source)}`;
    case 'binary': {
      const side = (child: Expr): string => (badNeighbour(e, child) ? `(${print(child, source)})` : print(child, source));
      return `${side(e.left)} ${e.operator} ${side(e.right)}`;
    }
    case 'concat':
      return e.parts.map((p) => print(p, source)).join(' ');
    default:
      return source.slice(e.start, e.end);
  }
}

/**
 * An If condition refused for a comparison next to another operator, rewritten with each
 * comparison in parentheses and read as most authors mean it (comparisons before && before ||).
 */
export function suggestConditionParentheses(source: string): string | undefined {
  const conventional = parseConditionConventionally(source, 0, source.length);
  if (!conventional) return undefined;
  const fixed = print(conventional, source);
  return parseExpression(fixed, 0, fixed.length, 'if').ok ? fixed : undefined;
}

/**
 * A nested expression refused for `x (...)` (a call to WhatsApp), with the parentheses of each
 * parenthesised part dropped: each part is a whole expression anyway.
 */
export function suggestWithoutCalls(source: string): string | undefined {
  const inner = source.slice(1, -1);
  const lenient = parseExpression(inner, 0, inner.length, 'nested', { callsAsParts: true });
  if (!lenient.ok || lenient.value.kind !== 'concat') return undefined;
  const parts = lenient.value.parts;
  const text = parts.map((p) => (p.kind === 'group' ? inner.slice(p.expression.start, p.expression.end) : inner.slice(p.start, p.end))).join(' ');
  const checked = parseExpression(text, 0, text.length, 'nested');
  if (!checked.ok || checked.value.kind !== 'concat' || checked.value.parts.length !== parts.length) return undefined;
  return `\`${text}\``;
}
