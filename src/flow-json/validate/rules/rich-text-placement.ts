import { richText } from '../../catalogue/index.js';
import { inRange } from '../../versions.js';
import type { Rule } from '../rule.js';

/**
 * RichText owns its screen: until 6.2 nothing else may sit beside it, from 6.3 only a Footer
 * (components reference, "RichText"; the catalogue's `screenExclusive` holds the ranges).
 */
export const richTextPlacement: Rule = {
  id: 'rich-text-placement',
  codes: ['INVALID_RICHTEXT_PLACEMENT'],
  description: 'RichText is alone on its screen (with at most a Footer from 6.3).',
  check({ model, report }) {
    const rule = richText.screenExclusive?.find((e) => inRange(model.version, e.versions));
    if (!rule) return;
    const allowed = new Set([richText.type, ...rule.allowWith]);
    for (const screen of model.screens) {
      const first = screen.components.find((c) => c.type === richText.type);
      if (!first) continue;
      const others = [...new Set(screen.components.filter((c) => !allowed.has(c.type)).map((c) => c.type))];
      if (others.length === 0) continue;
      const withFooter = rule.allowWith.includes('Footer');
      report({
        code: 'INVALID_RICHTEXT_PLACEMENT',
        pointer: first.pointer,
        message: `RichText cannot be used with other components on the same screen${withFooter ? ' except a Footer' : ''} in Flow JSON ${model.version}; this screen also has ${others.join(', ')}. Move ${others.length === 1 ? 'it' : 'them'} to another screen${withFooter ? '' : ' (from 6.3 a Footer may stay)'}.`,
      });
    }
  },
};
