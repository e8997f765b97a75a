import type { ComponentSpec } from '../types.js';

/**
 * The only screen layout Flow JSON has. It is catalogued as a component (category 'layout') but is
 * kept out of COMPONENT_SPECS, since it may only appear as a screen's `layout`; see LAYOUT_SPECS.
 */
export const singleColumnLayout: ComponentSpec = {
  type: 'SingleColumnLayout',
  category: 'layout',
  versions: { since: '2.1' },
  description: 'Vertical stack of components filling the screen.',
  properties: {
    children: { value: { kind: 'components' }, required: true, description: 'Components of the screen, top to bottom.' },
  },
};
