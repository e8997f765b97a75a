import { validateFlow } from './index.js';
import type { ValidationResult } from './types.js';

/** A minimal valid terminal screen, to build test flows around one change. */
export function terminalScreen(id: string, children: unknown[] = [], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    title: 'Done',
    terminal: true,
    ...extra,
    layout: {
      type: 'SingleColumnLayout',
      children: [...children, { type: 'Footer', label: 'Finish', 'on-click-action': { name: 'complete', payload: {} } }],
    },
  };
}

export function screen(id: string, children: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, title: id, ...extra, layout: { type: 'SingleColumnLayout', children } };
}

export function navigateFooter(target: string, payload: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'Footer', label: 'Next', 'on-click-action': { name: 'navigate', next: { type: 'screen', name: target }, payload } };
}

export function flow(version: string, screens: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { version, ...extra, screens };
}

/** Diagnostics as "CODE@pointer" strings, the form tests compare against. */
export function findings(result: ValidationResult): string[] {
  return result.diagnostics.map((d) => `${d.code}@${d.pointer}`);
}

export function check(value: unknown): string[] {
  return findings(validateFlow(value));
}

/** Like `check`, without warnings (deprecated versions, undocumented syntax). */
export function errors(value: unknown): string[] {
  return findings(validateFlow(value, { warnings: false }));
}
