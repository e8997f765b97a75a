import { childPointer } from '../../diagnostics.js';
import type { ActionNode, ComponentNode, FlowModel, ScreenNode } from '../model.js';

/** The kinds of short text the seed's "Designing your Flow" speaks about. */
export type TextKind = 'title' | 'heading' | 'footer' | 'link' | 'label';

/** One string of the flow a style rule may judge: a screen title, a heading, a button, a label. */
export interface TextTarget {
  readonly kind: TextKind;
  readonly text: string;
  readonly pointer: string;
  /** How a message names it: "Screen title", "TextHeading", "Footer label", ... */
  readonly what: string;
  readonly screen: ScreenNode;
  readonly component: ComponentNode | undefined;
}

/**
 * Every static or dynamic string a style rule looks at, in document order per screen: screen
 * titles, TextHeading/TextSubheading texts, Footer labels, EmbeddedLink texts and the `label` of
 * every other component (inputs, OptIn, pickers). Non-string values are the validator's business.
 */
export function textTargets(model: FlowModel): TextTarget[] {
  const out: TextTarget[] = [];
  for (const screen of model.screens) {
    const title = screen.value['title'];
    if (typeof title === 'string') out.push({ kind: 'title', text: title, pointer: childPointer(screen.pointer, 'title'), what: 'Screen title', screen, component: undefined });
    for (const component of screen.components) {
      const add = (kind: TextKind, property: string, what: string): void => {
        const value = component.value[property];
        if (typeof value === 'string') out.push({ kind, text: value, pointer: childPointer(component.pointer, property), what, screen, component });
      };
      switch (component.type) {
        case 'TextHeading':
        case 'TextSubheading':
          add('heading', 'text', component.type);
          break;
        case 'Footer':
          add('footer', 'label', 'Footer label');
          break;
        case 'EmbeddedLink':
          add('link', 'text', 'EmbeddedLink text');
          break;
        default:
          add('label', 'label', `${component.type} label`);
      }
    }
  }
  return out;
}

/** Whether a string holds a `${...}` reference, whose text is only known when the flow runs. */
export function isDynamic(text: string): boolean {
  return text.includes('${');
}

/** The action a button or link runs (its `on-click-action`), when the model indexed one. */
export function clickAction(target: TextTarget): ActionNode | undefined {
  const component = target.component;
  if (!component) return undefined;
  return component.screen.actions.find((a) => a.component === component && a.property === 'on-click-action');
}

/** Quotes a flow string for a message, shortened so one long heading does not swamp the output. */
export function quote(text: string, max = 60): string {
  const chars = Array.from(text);
  return JSON.stringify(chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text);
}
