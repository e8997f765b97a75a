import { validateFlow } from '../index.js';
import type { ValidateOptions } from '../types.js';

export type ClickAction = 'complete' | 'navigate' | 'data_exchange';

/** A Footer whose action is `action` (navigate goes to `next`). */
export function footer(label: string, action: ClickAction = 'complete', next = 'END'): Record<string, unknown> {
  return { type: 'Footer', label, 'on-click-action': onClick(action, next) };
}

export function link(text: string, action: ClickAction | 'open_url' = 'open_url', next = 'END'): Record<string, unknown> {
  return { type: 'EmbeddedLink', text, 'on-click-action': action === 'open_url' ? { name: 'open_url', url: 'https://example.com/privacy' } : onClick(action, next) };
}

function onClick(action: ClickAction, next: string): Record<string, unknown> {
  if (action === 'navigate') return { name: 'navigate', next: { type: 'screen', name: next }, payload: {} };
  return { name: action, payload: {} };
}

export function heading(text: string, type = 'TextHeading'): Record<string, unknown> {
  return { type, text };
}

/** A screen; terminal unless its Footer navigates. */
export function page(id: string, title: string | undefined, children: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const navigates = children.some((c) => typeof c === 'object' && c !== null && (c as { 'on-click-action'?: { name?: string } })['on-click-action']?.name === 'navigate');
  return { id, ...(title === undefined ? {} : { title }), ...(navigates ? {} : { terminal: true }), ...extra, layout: { type: 'SingleColumnLayout', children } };
}

/** A valid 7.3 flow: a first screen that navigates to END, which completes. */
export function twoScreens(start: unknown[], end: unknown[], titles: [string, string] = ['Choose a time', 'Confirm your booking']): Record<string, unknown> {
  return { version: '7.3', screens: [page('START', titles[0], start), page('END', titles[1], end)] };
}

/** A valid 7.3 flow of one terminal screen. */
export function oneScreen(children: unknown[], title = 'Confirm your booking'): Record<string, unknown> {
  return { version: '7.3', screens: [page('END', title, children)] };
}

/** The style findings of a flow as "code@pointer", style on. */
export function lint(doc: unknown, options: ValidateOptions = {}): string[] {
  return validateFlow(doc, { style: true, ...options })
    .diagnostics.filter((d) => d.code.startsWith('style/'))
    .map((d) => `${d.code}@${d.pointer}`);
}

/** The messages of a flow's style findings with one code. */
export function messages(doc: unknown, code: string, options: ValidateOptions = {}): string[] {
  return validateFlow(doc, { style: true, ...options })
    .diagnostics.filter((d) => d.code === code)
    .map((d) => d.message);
}
