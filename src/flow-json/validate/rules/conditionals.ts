import { FLOW_LIMITS } from '../../catalogue/index.js';
import { childPointer } from '../../diagnostics.js';
import { inferType } from '../../expressions/index.js';
import type { Expr } from '../../expressions/index.js';
import { parseCached, typeEnvOf } from '../flow-types.js';
import { isRecord } from '../json-type.js';
import type { Rule } from '../rule.js';

/**
 * If and Switch: the condition is a boolean expression over at least one dynamic value in the If
 * grammar (src/flow-json/expressions/grammar.ts: no math, whole numbers, comparisons in parentheses
 * next to other operators), Switch has cases, and Ifs nest at most FLOW_LIMITS.maxIfNesting deep.
 * Wording follows Meta's '"IF" Component Errors' and 'Switch Component Errors'
 * (developers.facebook.com/docs/whatsapp/flows/reference/error-codes). Unknown references inside
 * conditions are the dynamic-references rule's business, and so are warnings on conditions
 * (NON_PORTABLE_EXPRESSION).
 */
export const conditionals: Rule = {
  id: 'conditionals',
  codes: ['INVALID_PROPERTY_VALUE', 'EMPTY_SWITCH_CASES', 'MAXIMUM_IF_NESTING'],
  description: 'If conditions are valid boolean expressions, Switch has cases, and Ifs are not nested too deeply.',
  check({ model, report }) {
    const max = FLOW_LIMITS.maxIfNesting;
    for (const screen of model.screens) {
      for (const c of screen.components) {
        if (c.type === 'Switch') {
          const cases = c.value['cases'];
          if (isRecord(cases) && Object.keys(cases).length === 0) {
            report({ code: 'EMPTY_SWITCH_CASES', pointer: childPointer(c.pointer, 'cases'), message: "The 'cases' property of a Switch component cannot be empty. Add at least one case: the value it matches, mapped to the components to show." });
          }
          continue;
        }
        if (c.type !== 'If') continue;
        const depth = 1 + c.branches.filter((b) => b.owner.type === 'If').length;
        if (depth > max) {
          report({ code: 'MAXIMUM_IF_NESTING', pointer: c.pointer, message: `The 'If' component can only be nested up to ${max} levels deep; this one is at level ${depth}. Flatten the conditions, e.g. combine them with &&.` });
        }
        const condition = c.value['condition'];
        if (typeof condition !== 'string') continue; // a type error catalogue-conformance reports
        const pointer = childPointer(c.pointer, 'condition');
        const fail = (message: string): void => report({ code: 'INVALID_PROPERTY_VALUE', pointer, message });
        if (condition.trim() === '') {
          fail("Expected property 'condition' to contain at least one operand. Write a boolean expression such as ${form.age} > 18, or a single boolean reference.");
          continue;
        }
        const parsed = parseCached(model, condition, true);
        if (!parsed.ok) {
          const empty = /\(\s*\)/.exec(condition);
          const fix = parsed.error.suggestion === undefined ? '' : ` For example: ${parsed.error.suggestion}`;
          fail(empty ? `Found invalid empty parentheses at column ${empty.index + 1}. Put an expression inside them or remove them.` : `Invalid condition syntax at column ${parsed.error.offset + 1}: ${parsed.error.message}.${fix}`);
          continue;
        }
        if (parsed.value.kind !== 'expression') continue;
        const expression = parsed.value.expression;
        const problems = inferType(parsed.value, typeEnvOf(model, screen)).problems;
        const literalPair = problems.some((p) => p.code === 'literal-comparison');
        for (const p of problems) {
          switch (p.code) {
            case 'literal-comparison':
              fail(`An operator cannot have literals on both sides: found at column ${p.start + 1}. Such a comparison always gives the same result; compare a \${data...} or \${form...} value instead.`);
              break;
            case 'no-dynamic-value':
              if (literalPair) break;
              fail(single(expression).kind === 'literal'
                ? 'The only operand is a literal value. Expected single operand to be a boolean reference such as ${data.show_details}; a fixed value never changes.'
                : 'The condition holds only fixed values, so it never changes. Use at least one ${data...} or ${form...} value.');
              break;
            case 'not-boolean':
              fail(single(expression).kind === 'reference'
                ? `Expected single operand to be a boolean, but it is ${p.actual ?? 'not'}. Compare it instead, e.g. ${condition} == 'yes'.`
                : `Expected the condition to be a boolean, but it is ${p.actual ?? 'not'}. Use a comparison or a boolean value.`);
              break;
            case 'operand-type':
            case 'comparison-mismatch':
              fail(`Type mismatch in the condition at column ${p.start + 1}: ${p.message}.`);
              break;
            default:
              break; // unknown references: dynamic-references reports them
          }
        }
      }
    }
  },
};

/** The expression without the parentheses around it. */
function single(expr: Expr): Expr {
  let e = expr;
  while (e.kind === 'group') e = e.expression;
  return e;
}
