import type { ComponentNode, ScreenNode } from '../model.js';
import type { Rule } from '../rule.js';
import { mutuallyExclusive } from '../walk.js';

/**
 * One Footer per screen, counting every way through If and Switch; and a Footer inside a branch
 * must be matched in every other branch, so the screen has a Footer whatever the condition says.
 */
export const footers: Rule = {
  id: 'footers',
  codes: ['MORE_THAN_ONE_FOOTER', 'MISSING_FOOTER_IN_IF_ELSE_BRANCHES', 'MISSING_FOOTER_IN_SWITCH_BRANCHES'],
  description: 'Each screen shows at most one Footer, and a Footer in one conditional branch must be in all of them.',
  check({ model, report }) {
    for (const screen of model.screens) {
      const all = screen.components.filter((c) => c.type === 'Footer');
      for (let i = 1; i < all.length; i++) {
        const footer = all[i]!;
        if (all.slice(0, i).some((other) => !mutuallyExclusive(other, footer))) {
          report({ code: 'MORE_THAN_ONE_FOOTER', pointer: footer.pointer, message: 'Maximum number of Footer components per screen is 1, counting all branches of If and Switch. Remove this Footer or move it into an exclusive branch.' });
        }
      }
      checkBranches(screen, all, report);
    }
  },
};

function checkBranches(screen: ScreenNode, all: readonly ComponentNode[], report: Parameters<Rule['check']>[0]['report']): void {
  const conditionals = screen.components.filter((c) => c.type === 'If' || c.type === 'Switch');
  for (const owner of conditionals) {
    const branches = branchNames(owner);
    const withFooter = new Set<string>();
    for (const f of all) for (const b of f.branches) if (b.owner === owner) withFooter.add(b.branch);
    if (withFooter.size === 0 || withFooter.size === branches.length) continue;
    if (owner.type === 'If') {
      const message = owner.value['else'] !== undefined
        ? "Footer component must be present in all branches of 'If' component if it exists in any one branch."
        : "Missing Footer inside one of the 'If' component branches. Branch 'else' should exist and contain one Footer.";
      report({ code: 'MISSING_FOOTER_IN_IF_ELSE_BRANCHES', pointer: owner.pointer, message });
    } else {
      const missing = branches.filter((b) => !withFooter.has(b)).map((b) => b.replace(/^cases\./, ''));
      report({ code: 'MISSING_FOOTER_IN_SWITCH_BRANCHES', pointer: owner.pointer, message: `Footer component must be present in all switch cases if it exists in one of the cases. Missing in: ${missing.join(', ')}.` });
    }
  }
}

function branchNames(owner: ComponentNode): string[] {
  // An If without else still has an (empty) else way through it.
  if (owner.type === 'If') return ['then', 'else'];
  const cases = owner.value['cases'];
  return cases && typeof cases === 'object' && !Array.isArray(cases) ? Object.keys(cases).map((k) => `cases.${k}`) : [];
}
