import { compareVersions } from '../versions.js';
import type { FlowJsonVersion } from '../versions.js';
import type { DynamicParseResult, DynamicValue, Expr, ExprSyntaxError, ParseProblem, ReferenceNode, TextPart } from './ast.js';
import { parseExpression } from './grammar.js';
import { lexReference } from './lexer.js';
import { backtickConditionProblem, booleanLiteralProblems, divisorProblems } from './portability.js';
import { suggestConditionParentheses, suggestWithoutCalls } from './suggest.js';
import { walkExpr } from './walk.js';

export { walkExpr } from './walk.js';

export interface ParseOptions {
  /** The flow's `version`; when given, features newer than it are reported as problems. */
  readonly version?: FlowJsonVersion;
}

/**
 * Versions that introduced each feature (developers.facebook.com/documentation/business-messaging/
 * whatsapp/flows/reference/flowjson): "Global dynamic and form properties — Supported starting with
 * Flow JSON version 4.0"; "Nested Expressions — Supported starting with Flow JSON version 6.0".
 */
export const GLOBAL_REFERENCES_SINCE: FlowJsonVersion = '4.0';
export const NESTED_EXPRESSIONS_SINCE: FlowJsonVersion = '6.0';

function isBacktickWrapped(source: string): boolean {
  return source.length >= 2 && source.startsWith('`') && source.endsWith('`');
}

/** True when the value is not plain static text: it holds `${` or is a backtick nested expression. */
export function isDynamic(source: string): boolean {
  return source.includes('${') || isBacktickWrapped(source);
}

function before(version: FlowJsonVersion | undefined, since: FlowJsonVersion): boolean {
  return version !== undefined && compareVersions(version, since) < 0;
}

function referenceProblems(ref: ReferenceNode, version: FlowJsonVersion | undefined, out: ParseProblem[]): void {
  if (ref.screen !== undefined && before(version, GLOBAL_REFERENCES_SINCE)) {
    out.push({
      code: 'requires-version',
      since: GLOBAL_REFERENCES_SINCE,
      message: `global references such as \${screen.${ref.screen}.${ref.scope}...} need Flow JSON ${GLOBAL_REFERENCES_SINCE} or later (this flow is ${String(version)}); pass the value through the navigate payload instead`,
      start: ref.start,
      end: ref.end,
    });
  }
  for (const segment of ref.path) {
    if (typeof segment.key === 'number') {
      out.push({
        code: 'undocumented-index-access',
        message: `array index access '[${segment.key}]' is not in Meta's Flow JSON documentation; WhatsApp may reject it`,
        start: segment.start,
        end: segment.end,
      });
    }
  }
}

/** Problems found inside an expression: version gates and undocumented syntax. */
function expressionProblems(expr: Expr, version: FlowJsonVersion | undefined, out: ParseProblem[]): void {
  walkExpr(expr, (node) => {
    if (node.kind === 'reference') referenceProblems(node, version, out);
    if (node.kind === 'binary' && node.operator === '*') {
      out.push({
        code: 'undocumented-operator',
        message: "'*' is not among the math operators Meta documents (+ - / %); WhatsApp may reject it",
        start: node.operatorSpan.start,
        end: node.operatorSpan.end,
      });
    }
  });
}

/** A syntax error carrying a corrected value, when one parses. */
function withSuggestion(error: ExprSyntaxError, suggestion: string | undefined): ExprSyntaxError {
  return suggestion === undefined ? error : { ...error, suggestion };
}

function quoteText(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/`/g, '\\`')}'`;
}

function parseTemplate(source: string, version: FlowJsonVersion | undefined): DynamicParseResult {
  const parts: (TextPart | ReferenceNode)[] = [];
  const problems: ParseProblem[] = [];
  let i = 0;
  while (i < source.length) {
    const at = source.indexOf('${', i);
    const textEnd = at === -1 ? source.length : at;
    if (textEnd > i) parts.push({ kind: 'text', text: source.slice(i, textEnd), start: i, end: textEnd });
    if (at === -1) break;
    const ref = lexReference(source, at);
    if (!ref.ok) return ref;
    referenceProblems(ref.value, version, problems);
    parts.push(ref.value);
    i = ref.value.end;
  }
  const suggestion = `\`${parts.map((p) => (p.kind === 'text' ? quoteText(p.text) : source.slice(p.start, p.end))).join(' ')}\``;
  problems.unshift({
    code: 'mixed-static-dynamic',
    message: before(version, NESTED_EXPRESSIONS_SINCE)
      ? `static text and \${...} cannot be mixed in one property; pass the whole text as one \${data...} value, or use Flow JSON ${NESTED_EXPRESSIONS_SINCE}+ nested expressions`
      : 'static text and ${...} cannot be mixed in one property; wrap it as a nested expression',
    start: 0,
    end: source.length,
    ...(before(version, NESTED_EXPRESSIONS_SINCE) ? { since: NESTED_EXPRESSIONS_SINCE } : {}),
    suggestion,
  });
  return { ok: true, value: { kind: 'template', parts, start: 0, end: source.length }, problems };
}

function parseNested(
  source: string,
  form: 'nested' | 'condition',
  version: FlowJsonVersion | undefined,
): DynamicParseResult {
  const parsed = parseExpression(source, 1, source.length - 1, 'nested');
  if (!parsed.ok) {
    if (parsed.error.message === 'empty expression') {
      return { ok: false, error: { message: 'empty nested expression: put an expression between the backticks', offset: 0, end: source.length } };
    }
    return { ok: false, error: withSuggestion(parsed.error, parsed.error.code === 'function-call' ? suggestWithoutCalls(source) : undefined) };
  }
  const problems: ParseProblem[] = [];
  const gated = before(version, NESTED_EXPRESSIONS_SINCE);
  if (gated) {
    problems.push({
      code: 'requires-version',
      since: NESTED_EXPRESSIONS_SINCE,
      message: `nested expressions (\`...\`) need Flow JSON ${NESTED_EXPRESSIONS_SINCE} or later (this flow is ${String(version)})`,
      start: 0,
      end: source.length,
    });
  }
  expressionProblems(parsed.value, version, problems);
  if (!gated) {
    if (form === 'condition') problems.push(backtickConditionProblem(source));
    divisorProblems(source, parsed.value, problems);
  }
  const value: DynamicValue = { kind: 'expression', form, dialect: 'nested', expression: parsed.value, start: 0, end: source.length };
  return { ok: true, value, problems };
}

/**
 * Parses a string property value: static text, one `${...}` reference, or a backtick nested
 * expression. Never throws; syntax errors come back as `{ ok: false, error }`.
 */
export function parseDynamic(source: string, options: ParseOptions = {}): DynamicParseResult {
  const { version } = options;
  if (isBacktickWrapped(source)) {
    const nested = parseNested(source, 'nested', version);
    // Before 6.0 backticks meant nothing: text such as "`npm install`" is plain text there, so only
    // a value that really parses as an expression is reported as needing 6.0.
    if (nested.ok || !before(version, NESTED_EXPRESSIONS_SINCE)) return nested;
  }
  if (!source.includes('${')) {
    return { ok: true, value: { kind: 'static', text: source, start: 0, end: source.length }, problems: [] };
  }
  if (source.startsWith('${')) {
    const ref = lexReference(source, 0);
    if (!ref.ok) return ref;
    if (ref.value.end === source.length) {
      const problems: ParseProblem[] = [];
      referenceProblems(ref.value, version, problems);
      return { ok: true, value: { kind: 'expression', form: 'reference', dialect: 'nested', expression: ref.value, start: 0, end: source.length }, problems };
    }
  }
  return parseTemplate(source, version);
}

/**
 * Parses an If component's `condition`: a bare boolean expression such as
 * `(${form.age} > 18) && ${data.is_member}` in the If grammar (components reference, "If";
 * src/flow-json/expressions/grammar.ts). A backtick-wrapped condition is read as a nested
 * expression (6.0+).
 */
export function parseCondition(source: string, options: ParseOptions = {}): DynamicParseResult {
  const { version } = options;
  if (isBacktickWrapped(source)) return parseNested(source, 'condition', version);
  const parsed = parseExpression(source, 0, source.length, 'if');
  if (!parsed.ok) {
    if (parsed.error.message === 'empty expression') {
      return { ok: false, error: { message: 'empty condition: write a boolean expression such as ${form.age} > 18', offset: 0, end: source.length } };
    }
    return { ok: false, error: withSuggestion(parsed.error, parsed.error.code === 'comparison-needs-parentheses' ? suggestConditionParentheses(source) : undefined) };
  }
  const problems: ParseProblem[] = [];
  expressionProblems(parsed.value, version, problems);
  booleanLiteralProblems(source, parsed.value, problems);
  return { ok: true, value: { kind: 'expression', form: 'condition', dialect: 'if', expression: parsed.value, start: 0, end: source.length }, problems };
}
