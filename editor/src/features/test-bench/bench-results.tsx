// The test bench's results: one decision, or draft and published side by side with what differs.
import { DecisionView } from './decision-view.tsx';
import { compareDecisions } from './compare.ts';
import { result } from './test-bench-store.ts';

export function BenchResults() {
  const r = result.value;
  if (!r) return <p class="muted">Run the order to see the decision and its trace. Nothing is stored or reserved.</p>;
  if (r.mode === 'single') {
    const title = r.choice === 'draft' ? 'Draft' : r.choice === 'published' ? 'Published' : `Version ${r.choice}`;
    return (
      <div class="bench-results">
        <DecisionView title={title} result={r.result} />
      </div>
    );
  }
  const differences = compareDecisions(r.left, r.right);
  return (
    <div class="bench-results">
      <section class="card differences" aria-labelledby="diff-title">
        <h2 id="diff-title">What differs</h2>
        {differences.length === 0 ? (
          <p class="muted">Draft and published decide this order the same way.</p>
        ) : (
          <table class="grid-table compact">
            <thead>
              <tr>
                <th scope="col">Aspect</th>
                <th scope="col">Draft</th>
                <th scope="col">Published</th>
              </tr>
            </thead>
            <tbody>
              {differences.map((d) => (
                <tr key={d.aspect}>
                  <th scope="row">{d.aspect}</th>
                  <td>{d.left}</td>
                  <td>{d.right}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <div class="columns">
        <DecisionView title="Draft" result={r.left} />
        <DecisionView title="Published" result={r.right} />
      </div>
    </div>
  );
}
