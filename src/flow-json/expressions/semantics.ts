// What each operator does with the values it meets, in one place: the validator's types
// (types.ts), the runtime and the browser phone (evaluate.ts, through src/runtime) all read these.
// Each rule names the Flow JSON version it applies to and its source: a section of Meta's docs
// (Flow JSON reference "Nested Expressions"; components reference "If", "Supported Operators"),
// or "measured against WhatsApp's client" (issue 15: WhatsApp's web client on 3,000 expressions).
// Where that client contradicts the docs, the docs win here and portability.ts warns.

import type { ArithmeticOperator, EqualityOperator, RelationalOperator } from './ast.js';

// ---------------------------------------------------------------------------------------------
// Nested expressions (backticks), Flow JSON 6.0+
// ---------------------------------------------------------------------------------------------

/**
 * An arithmetic operand (6.0+). A missing or empty operand counts as 0 and a boolean as 1 or 0
 * (measured against WhatsApp's client); numbers and text that spells one are read as numbers, other
 * text gives NaN, as on WhatsApp. The validator admits only numbers ("Math operations ... Types
 * allowed: numbers"), so the rest concerns values whose declaration says nothing.
 */
export function arithmeticOperand(v: unknown): number {
  if (v === undefined || v === null || v === '') return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return typeof v === 'number' ? v : Number(v);
}

/**
 * Every arithmetic result is rounded to 2 decimals (6.0+): the docs' example of
 * `'The amount per person is: ' ${data.total} / ${form.group_size}` shows "33.33" (Flow JSON
 * reference, "Nested Expressions", Math operations), and so does WhatsApp's client (measured).
 * Rounded after each operation with Math.round, as that client does.
 */
export function roundResult(n: number): number {
  if (!Number.isFinite(n) || Number.isInteger(n)) return n;
  const rounded = Math.round(n * 100) / 100;
  return Number.isFinite(rounded) ? rounded : n;
}

/**
 * `+ - * / %` (6.0+). "In case of division or modulo for zero or null value, the result will be
 * zero" (Flow JSON reference, "Nested Expressions"): any divisor that counts as 0 — 0, missing,
 * empty, '0', false — gives 0. WhatsApp Web gives Infinity for a text '0' or empty divisor
 * (measured against WhatsApp's client); the docs win and portability.ts warns. `*` is not
 * documented but evaluated like the rest (parser.ts flags it).
 */
export function arithmetic(op: ArithmeticOperator, left: unknown, right: unknown): number {
  const a = arithmeticOperand(left);
  const b = arithmeticOperand(right);
  switch (op) {
    case '+':
      return roundResult(a + b);
    case '-':
      return roundResult(a - b);
    case '*':
      return roundResult(a * b);
    case '/':
      return b === 0 ? 0 : roundResult(a / b);
    case '%':
      return b === 0 ? 0 : roundResult(a % b);
  }
}

/** Unary minus (6.0+): the operand is read as arithmetic operands are (missing counts as 0). */
export function negate(v: unknown): number {
  return -arithmeticOperand(v);
}

const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === '';

/**
 * `==` / `!=` (6.0+). "Both sides should have the same type (validated during Flow JSON creation
 * time)" (Flow JSON reference, "Nested Expressions"). At run time, as WhatsApp's client does
 * (measured): an empty side (missing or '') equals only another empty side; when either side is a
 * number both are compared as numbers (a TextInput's '42' equals 42); otherwise values are equal
 * only when identical.
 */
export function nestedEquals(left: unknown, right: unknown): boolean {
  if (isEmpty(left) || isEmpty(right)) return isEmpty(left) && isEmpty(right);
  if (typeof left === 'number' || typeof right === 'number') return arithmeticOperand(left) === arithmeticOperand(right);
  return left === right;
}

/**
 * `< <= > >=` (6.0+, "Types allowed: numbers"). As WhatsApp's client does (measured): false when
 * either side is empty (missing or '') or neither side is a number; otherwise both are read as
 * numbers.
 */
export function nestedCompare(op: RelationalOperator, left: unknown, right: unknown): boolean {
  if (isEmpty(left) || isEmpty(right)) return false;
  if (typeof left !== 'number' && typeof right !== 'number') return false;
  return compareNumbers(op, arithmeticOperand(left), arithmeticOperand(right));
}

function compareNumbers(op: RelationalOperator, a: number, b: number): boolean {
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

/**
 * `&& || !` operands (6.0+, "Types allowed: booleans"). Values the declarations leave open are read
 * as WhatsApp's client reads them (measured): missing, false, 0, NaN and '' are false, anything
 * else true.
 */
export function nestedTruthy(v: unknown): boolean {
  return Boolean(v);
}

/**
 * One part of a juxtaposition (6.0+: "No special sign is required, just add space between the
 * expression members"). Missing values add nothing; text, numbers and booleans are spelled out
 * (measured against WhatsApp's client: `'Adult: ' ${form.age} > 18` is "Adult: true"). The validator
 * admits only text, numbers and booleans.
 */
export function joinPart(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

// ---------------------------------------------------------------------------------------------
// If conditions (bare, no backticks), Flow JSON 4.0+
// ---------------------------------------------------------------------------------------------

/**
 * A number in an If condition (4.0+). Numbers and text that spells one are compared as whole
 * numbers, so 9.5 > 9 is false and 9.5 == 9 true (measured against WhatsApp's client); anything
 * else is not a number there.
 */
export function conditionNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? Math.trunc(n) : undefined;
  }
  return undefined;
}

/**
 * `&&` and `||` in an If condition (4.0+; "Types allowed: boolean"): only real booleans count, so
 * anything else — a missing answer included — is false (measured against WhatsApp's client).
 */
export function conditionAnd(left: unknown, right: unknown): boolean {
  return left === true && right === true;
}

export function conditionOr(left: unknown, right: unknown): boolean {
  return left === true || right === true;
}

/**
 * `!` in an If condition (4.0+; "before immediately boolean values or parentheses"): the negation
 * of a real boolean; anything else is false, so `!${form.agree}` is false while the OptIn is
 * unanswered (measured against WhatsApp's client).
 */
export function conditionNot(v: unknown): boolean {
  return v === false;
}

/**
 * `==` / `!=` in an If condition (4.0+; "Both sides should have the same type"). As WhatsApp's
 * client does (measured): when either side is '' they are equal if both are '' or one is missing;
 * when both are numbers they are compared as whole numbers (conditionNumber); otherwise they are
 * equal only when identical (a missing value equals a missing value).
 */
export function conditionEquals(op: EqualityOperator, left: unknown, right: unknown): boolean {
  let equal: boolean;
  if (left === '' || right === '') {
    equal = left === right || left === undefined || left === null || right === undefined || right === null;
  } else {
    const a = conditionNumber(left);
    const b = conditionNumber(right);
    equal = a !== undefined && b !== undefined ? a === b : left === right;
  }
  return op === '==' ? equal : !equal;
}

/**
 * `< <= > >=` in an If condition (4.0+; "Types allowed: number"): both sides whole numbers
 * (conditionNumber), otherwise false (measured against WhatsApp's client).
 */
export function conditionCompare(op: RelationalOperator, left: unknown, right: unknown): boolean {
  const a = conditionNumber(left);
  const b = conditionNumber(right);
  return a !== undefined && b !== undefined && compareNumbers(op, a, b);
}

/**
 * Which branch an If shows (4.0+; "Should always be resolved into a boolean"): `then` only for a
 * real true, `else` for anything else (measured against WhatsApp's client). Applies to backtick
 * conditions (6.0+) too.
 */
export function conditionHolds(v: unknown): boolean {
  return v === true;
}
