// Reading a screen the way a person does: the visible components in order, their labels and
// values, and finding one by what it says on screen.
import type { ComponentView, OptionView, ScreenView } from '../runtime/index.js';

/** A visible component as a test sees it. */
export interface ComponentSummary {
  type: string;
  name?: string;
  /** The label (inputs) or the text (headings, body text, links) as shown. */
  label?: string;
  value?: unknown;
  error?: string;
  enabled: boolean;
  required?: boolean;
  /** Resolved data-source: what can be picked. */
  options?: { id: string; title: string; enabled: boolean }[];
  /** JSON pointer of the component in the Flow JSON. */
  pointer: string;
}

export interface FieldErrorSummary {
  /** Absent for the endpoint's error_message banner. */
  name?: string;
  label?: string;
  message: string;
}

export interface FooterSummary {
  label: string;
  enabled: boolean;
  disabledReason?: string;
}

// Containers are not something a person sees; their visible children are.
const CONTAINERS = new Set(['Form', 'If', 'Switch', 'SingleColumnLayout']);

/** Visible leaf components in screen order (the Footer is read separately). */
export function visibleComponents(screen: ScreenView): ComponentView[] {
  const out: ComponentView[] = [];
  const walk = (list: readonly ComponentView[]): void => {
    for (const component of list) {
      if (!component.visible) continue;
      if (!CONTAINERS.has(component.type) && component.type !== 'Footer') out.push(component);
      if (component.children !== undefined) walk(component.children);
    }
  };
  walk(screen.components);
  return out;
}

function stringProp(component: ComponentView, key: string): string | undefined {
  const value = component.props[key];
  return typeof value === 'string' ? value : undefined;
}

/** What the component says on screen: its label, else its text. */
export function labelOf(component: ComponentView): string | undefined {
  const label = component.props.label;
  // A range CalendarPicker has two labels, one per date.
  if (typeof label === 'object' && label !== null) {
    const parts = Object.values(label).filter((v): v is string => typeof v === 'string');
    if (parts.length > 0) return parts.join(' / ');
  }
  return stringProp(component, 'label') ?? stringProp(component, 'text');
}

function optionSummary(option: OptionView): { id: string; title: string; enabled: boolean } {
  return { id: option.id, title: option.title, enabled: option.enabled };
}

export function summarize(component: ComponentView): ComponentSummary {
  const summary: ComponentSummary = { type: component.type, enabled: component.enabled, pointer: component.pointer };
  if (component.name !== undefined) summary.name = component.name;
  const label = labelOf(component);
  if (label !== undefined) summary.label = label;
  if (component.value !== undefined) summary.value = component.value;
  if (component.error !== undefined) summary.error = component.error;
  if (component.required !== undefined) summary.required = component.required;
  if (component.options !== undefined) summary.options = component.options.map(optionSummary);
  return summary;
}

export function fieldErrors(screen: ScreenView): FieldErrorSummary[] {
  const errors: FieldErrorSummary[] = [];
  if (screen.errorMessage !== undefined) errors.push({ message: screen.errorMessage });
  for (const component of visibleComponents(screen)) {
    if (component.error === undefined) continue;
    const entry: FieldErrorSummary = { message: component.error };
    if (component.name !== undefined) entry.name = component.name;
    const label = labelOf(component);
    if (label !== undefined) entry.label = label;
    errors.push(entry);
  }
  return errors;
}

/** A short picture of the screen for error messages: id, title and what is visible. */
export function describeScreen(screen: ScreenView): string {
  const lines = [`screen ${screen.id} ("${screen.title}") shows:`];
  for (const component of visibleComponents(screen)) {
    const label = labelOf(component);
    const parts = [`  - ${component.type}`];
    if (component.name !== undefined) parts.push(`name "${component.name}"`);
    if (label !== undefined) parts.push(`"${label.length > 60 ? `${label.slice(0, 57)}...` : label}"`);
    lines.push(parts.join(' '));
  }
  if (screen.footer !== undefined) lines.push(`  - Footer "${screen.footer.label}"${screen.footer.enabled ? '' : ' (disabled)'}`);
  if (lines.length === 1) lines.push('  (nothing visible)');
  return lines.join('\n');
}

/** Thrown when a name, label or option matches nothing, or more than one thing. */
export class LookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LookupError';
  }
}

/**
 * Finds one item by key: exact name first, then exact label, then either case-insensitively.
 * Each stage must match exactly one item; two or more is ambiguous.
 */
export function findOne<T>(
  items: readonly T[],
  wanted: string,
  keys: { name: (item: T) => string | undefined; label: (item: T) => string | undefined },
  describe: (matches: readonly T[]) => string,
): T {
  const lower = wanted.toLowerCase();
  const stages: ((item: T) => boolean)[] = [
    (item) => keys.name(item) === wanted,
    (item) => keys.label(item) === wanted,
    (item) => keys.name(item)?.toLowerCase() === lower || keys.label(item)?.toLowerCase() === lower,
  ];
  for (const test of stages) {
    const matches = items.filter(test);
    if (matches.length === 1 && matches[0] !== undefined) return matches[0];
    if (matches.length > 1) throw new LookupError(`"${wanted}" is ambiguous: it matches ${describe(matches)}`);
  }
  throw new LookupError(`nothing named or labelled "${wanted}"`);
}
