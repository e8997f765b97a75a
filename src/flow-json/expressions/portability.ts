import type { Expr, ParseProblem } from './ast.js';
import { parseExpression } from './grammar.js';
import { walkExpr } from './walk.js';

// Constructs whose documented result (the one waflow computes) differs from what WhatsApp's web
// client shows, measured against that client. Each becomes a `not-portable` problem, which the
// validator reports as a warning saying what differs and how to write it so both agree.

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

/**
 * Bare If conditions (Flow JSON 4.0+): WhatsApp Web's condition reader steps over the character
 * right after `true` or `false` (measured against WhatsApp's client), so `(${form.a} == true)`
 * loses its ')'. The documentation has no such rule; a space after the literal is read alike by both.
 */
export function booleanLiteralProblems(source: string, expr: Expr, out: ParseProblem[]): void {
  const slips: Expr[] = [];
  walkExpr(expr, (node) => {
    if (node.kind === 'literal' && typeof node.value === 'boolean' && node.end < source.length && !isSpace(source[node.end])) slips.push(node);
  });
  if (slips.length === 0) return;
  let suggestion = source;
  for (const node of [...slips].sort((a, b) => b.end - a.end)) suggestion = `${suggestion.slice(0, node.end)} ${suggestion.slice(node.end)}`;
  for (const node of slips) {
    const word = String((node as Expr & { kind: 'literal' }).value);
    out.push({
      code: 'not-portable',
      message: `WhatsApp Web skips the character right after '${word}' in an If condition, so it misreads '${source.slice(node.start, node.end + 1)}'; put a space after '${word}'`,
      start: node.start,
      end: node.end,
      suggestion,
    });
  }
}

/**
 * If conditions in backticks (Flow JSON 6.0+): the documentation allows nested expressions in any
 * component property but `name` and `type` (Flow JSON reference, "Nested Expressions"), so the
 * condition is evaluated; WhatsApp Web never evaluates it and always shows `else` (measured against
 * WhatsApp's client). A condition the bare If grammar can hold is suggested without backticks.
 */
export function backtickConditionProblem(source: string): ParseProblem {
  const inner = source.slice(1, -1).trim();
  const bare = parseExpression(inner, 0, inner.length, 'if');
  const portable = bare.ok
    ? 'write it without backticks'
    : "rewrite it with the If operators (== != < <= > >= && || !) and no backticks, or drop the If and put this nested expression in the components' 'visible' property";
  return {
    code: 'not-portable',
    message: `WhatsApp Web does not evaluate an If condition written in backticks and always shows the 'else' branch; ${portable}`,
    start: 0,
    end: source.length,
    ...(bare.ok ? { suggestion: inner } : {}),
  };
}

function unwrapGroups(e: Expr): Expr {
  let inner = e;
  while (inner.kind === 'group') inner = inner.expression;
  return inner;
}

/**
 * Nested expressions (Flow JSON 6.0+): "in case of division or modulo for zero or null value, the
 * result will be zero" (Flow JSON reference, "Nested Expressions", Math operations). WhatsApp Web
 * gives Infinity when the divisor is text '0' or empty text (measured against WhatsApp's client),
 * which is how a form value typed into a TextInput arrives there.
 */
export function divisorProblems(source: string, expr: Expr, out: ParseProblem[]): void {
  walkExpr(expr, (node) => {
    if (node.kind !== 'binary' || (node.operator !== '/' && node.operator !== '%')) return;
    const divisor = unwrapGroups(node.right);
    if (divisor.kind !== 'reference' || divisor.scope !== 'form') return;
    out.push({
      code: 'not-portable',
      message:
        `on WhatsApp Web a divisor that is text, as a form value typed into a field is, gives Infinity for '0' or an empty field instead of 0 as documented; ` +
        `show it only once the divisor is above zero, e.g. inside an If whose condition is ${source.slice(divisor.start, divisor.end)} > 0`,
      start: node.right.start,
      end: node.right.end,
    });
  });
}
