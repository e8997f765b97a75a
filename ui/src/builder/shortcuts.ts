// The builder's keyboard shortcuts, wherever the focus is on the page (the editor included):
// Ctrl-S / ⌘-S saves to the sandbox, Ctrl-Enter / ⌘-Enter checks the flow and previews the screen
// at the cursor. They are caught while the event goes down to its target, before CodeMirror's own
// bindings (Mod-Enter would otherwise insert a blank line) and the browser's "Save page".
import { useEffect, useRef } from 'preact/hooks';

export interface Shortcuts {
  save: () => void;
  check: () => void;
}

/** The shortcut an event is, if any. */
export function shortcutOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): keyof Shortcuts | undefined {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return undefined;
  if (e.key === 's' || e.key === 'S') return 'save';
  if (e.key === 'Enter') return 'check';
  return undefined;
}

export function useShortcuts(handlers: Shortcuts): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const which = shortcutOf(e);
      if (which === undefined) return;
      e.preventDefault();
      e.stopPropagation();
      latest.current[which]();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
