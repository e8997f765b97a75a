// The validator's findings under the editor: severity, code, message and position; clicking one
// moves the editor's cursor there.
import type { Diagnostic } from '../../../src/flow-json/index.js';

export function Diagnostics({ diagnostics, onPick }: { diagnostics: readonly Diagnostic[]; onPick: (d: Diagnostic) => void }) {
  if (diagnostics.length === 0) {
    return (
      <div class="diag-ok" data-testid="diagnostics-ok">
        ✓ No problems: the Flow JSON is valid.
      </div>
    );
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return (
    <div class="diag">
      <div class="diag-head">
        {errors} error{errors === 1 ? '' : 's'}, {diagnostics.length - errors} warning{diagnostics.length - errors === 1 ? '' : 's'}
      </div>
      <ul data-testid="diagnostics">
        {diagnostics.map((d, i) => (
          <li key={i}>
            <button type="button" class={`diag-item is-${d.severity}`} data-code={d.code} data-line={d.range?.start.line} onClick={() => onPick(d)}>
              <span class="diag-pos">{d.range === undefined ? d.pointer || '/' : `${d.range.start.line}:${d.range.start.column}`}</span>
              <span class="diag-code">{d.code}</span>
              <span class="diag-msg">{d.message}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
