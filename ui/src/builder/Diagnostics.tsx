// The validator's findings under the editor: severity, code, message and position (design-guidance
// lints are warnings with their `style/...` code); clicking one moves the editor's cursor there. A
// finding with a safe fix has a "Fix: <title>" button, and "Fix all" applies every safe fix.
import type { Diagnostic, Fix } from '../../../src/flow-json/index.js';

export interface DiagnosticsProps {
  diagnostics: readonly Diagnostic[];
  onPick: (d: Diagnostic) => void;
  /** Applies one fix of a diagnostic. */
  onFix?: (d: Diagnostic, fix: Fix) => void;
  /** Applies every safe fix (fixFlow). Shown when at least one diagnostic has a fix. */
  onFixAll?: () => void;
}

export function Diagnostics({ diagnostics, onPick, onFix, onFixAll }: DiagnosticsProps) {
  if (diagnostics.length === 0) {
    return (
      <div class="diag-ok" data-testid="diagnostics-ok">
        ✓ No problems: the Flow JSON is valid.
      </div>
    );
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const infos = diagnostics.length - errors - warnings;
  const fixable = diagnostics.filter((d) => d.fixes !== undefined && d.fixes.length > 0).length;
  return (
    <div class="diag">
      <div class="diag-head">
        <span>
          {errors} error{errors === 1 ? '' : 's'}, {warnings} warning{warnings === 1 ? '' : 's'}
          {infos === 0 ? '' : `, ${infos} note${infos === 1 ? '' : 's'}`}
        </span>
        {onFixAll !== undefined && fixable > 0 && (
          <button type="button" class="diag-fix-all" data-testid="fix-all" title={`Apply the safe fixes (${fixable} now, and any they make possible)`} onClick={onFixAll}>
            Fix all
          </button>
        )}
      </div>
      <ul data-testid="diagnostics">
        {diagnostics.map((d, i) => (
          <li key={i} class="diag-row">
            <button
              type="button"
              class={`diag-item is-${d.severity}${d.code.startsWith('style/') ? ' is-style' : ''}`}
              data-code={d.code}
              data-line={d.range?.start.line}
              onClick={() => onPick(d)}
            >
              <span class="diag-pos">{d.range === undefined ? d.pointer || '/' : `${d.range.start.line}:${d.range.start.column}`}</span>
              <span class="diag-code">{d.code}</span>
              <span class="diag-msg">{d.message}</span>
            </button>
            {onFix !== undefined &&
              d.fixes?.map((fix, j) => (
                <button type="button" key={j} class="diag-fix" data-testid="diag-fix" data-code={d.code} onClick={() => onFix(d, fix)}>
                  Fix: {fix.title}
                </button>
              ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
