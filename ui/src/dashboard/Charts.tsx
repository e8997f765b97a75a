// One bar chart per question: a horizontal bar per option, its length the share of answers.
import type { QuestionResult } from './questions.js';

export function QuestionChart({ result }: { result: QuestionResult }) {
  const max = Math.max(1, ...(result.counts ?? []).map((c) => c.count));
  return (
    <div class="qchart card" data-testid="question-chart" data-key={result.key}>
      <div class="qchart-head">
        <b>{result.label}</b> <span class="muted">· {result.answered} answer{result.answered === 1 ? '' : 's'}</span>
      </div>
      {result.counts !== undefined ? (
        <div class="bars">
          {result.counts.map((c) => (
            <div class="bar-row" key={c.id} data-option={c.id} data-count={c.count}>
              <span class="bar-label" title={c.title}>
                {c.title}
              </span>
              <span class="bar-track">
                <span class="bar-fill" style={{ width: `${(c.count / max) * 100}%` }} />
              </span>
              <span class="bar-count">{c.count}</span>
            </div>
          ))}
        </div>
      ) : (
        <ul class="texts">
          {(result.texts ?? []).slice(-5).map((t, i) => (
            <li key={i}>“{t}”</li>
          ))}
          {(result.texts ?? []).length === 0 && <li class="muted">No answers yet.</li>}
        </ul>
      )}
    </div>
  );
}
