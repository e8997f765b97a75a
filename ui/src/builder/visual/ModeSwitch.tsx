// "Code | Visual": two tabs over the same JSON text. Arrow keys move between them (the tab pattern);
// Tab leaves for the editor below.
export type BuilderMode = 'code' | 'visual';

const MODES: readonly { mode: BuilderMode; label: string }[] = [
  { mode: 'code', label: 'Code' },
  { mode: 'visual', label: 'Visual' },
];

export function ModeSwitch({ mode, onChange }: { mode: BuilderMode; onChange: (mode: BuilderMode) => void }) {
  const go = (to: BuilderMode, focus: HTMLElement | null): void => {
    onChange(to);
    (focus?.parentElement?.querySelector(`[data-testid="mode-${to}"]`) as HTMLElement | null)?.focus();
  };
  return (
    <div class="mode-switch" role="tablist" aria-label="Editing mode">
      {MODES.map(({ mode: m, label }) => (
        <button
          key={m}
          type="button"
          role="tab"
          aria-selected={mode === m}
          tabIndex={mode === m ? 0 : -1}
          data-testid={`mode-${m}`}
          onClick={() => onChange(m)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowRight' || e.key === 'ArrowLeft' || e.key === 'Home' || e.key === 'End') {
              e.preventDefault();
              const to = e.key === 'Home' ? 'code' : e.key === 'End' ? 'visual' : m === 'code' ? 'visual' : 'code';
              go(to, e.currentTarget as HTMLElement);
            }
          }}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
