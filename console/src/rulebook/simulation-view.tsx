import type { RulebookContent, Simulation } from '../rulebook-types.js';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const changeClass = (n: number) => (n > 0 ? 'plus' : n < 0 ? 'minus' : '');

function ChangeTable({
  caption,
  rows,
  name,
}: {
  caption: string;
  rows: Simulation['ruleHits'];
  name(key: string): string;
}) {
  if (rows.length === 0) return null;
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col" class="num">
              Live
            </th>
            <th scope="col" class="num">
              Draft
            </th>
            <th scope="col" class="num">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{name(row.key)}</th>
              <td class="num">{row.live}</td>
              <td class="num">{row.draft}</td>
              <td class={`num ${changeClass(row.change)}`}>{signed(row.change)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What the draft would have done to recent visitors, against the live version. */
export function SimulationView({ simulation, content }: { simulation: Simulation; content: RulebookContent }) {
  const ruleName = (id: string | null) => {
    if (id === null || id === '(no rule)') return 'no rule';
    const rule = content.rules.find((candidate) => candidate.id === id);
    return rule ? `${rule.name} (${id})` : id;
  };
  const route = (key: string) => key.replace(/^rep:/, 'rep ').replace(/^nurture:/, 'nurture ');
  return (
    <section class="card" aria-labelledby="simulation-heading">
      <h2 id="simulation-heading">Simulation against the last {simulation.days} days</h2>
      {simulation.problemCount > 0 ? (
        <div class="notice error">
          <p>
            <strong>Simulated with {simulation.problemCount} problem(s) in the draft:</strong> these numbers show what
            it would do as it stands, and it cannot go live until they are fixed.
            {simulation.problemCount > simulation.problems.length
              ? ` The first ${simulation.problems.length} are listed; the draft marks every one at its field.`
              : ''}
          </p>
          <ul>
            {simulation.problems.map((problem) => (
              <li key={`${problem.path}-${problem.message}`}>
                <code>{problem.path}</code> {problem.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {simulation.visitors === 0 ? (
        <p class="empty">
          No visitors in the last {simulation.days} days to replay: the simulation has nothing to compare.
        </p>
      ) : (
        <>
          <p role="status">
            {simulation.visitors} visitors replayed
            {simulation.truncated ? ' (the most recent ones; more were recorded)' : ''}. MQLs: {simulation.mql.live}{' '}
            live → {simulation.mql.draft} with the draft (
            <span class={changeClass(simulation.mql.change)}>{signed(simulation.mql.change)}</span>).{' '}
            {simulation.changed.length === 0
              ? 'No visitor would be routed differently.'
              : `${simulation.changed.length} visitor(s) would be routed or qualified differently.`}
          </p>
          <div class="split">
            <ChangeTable caption="Rule hits" rows={simulation.ruleHits} name={ruleName} />
            <ChangeTable caption="Rep load" rows={simulation.repLoad} name={(key) => key} />
          </div>
          <ChangeTable caption="Outcomes" rows={simulation.outcomes} name={route} />
          {simulation.changed.length > 0 ? (
            <div class="table-wrap">
              <table>
                <caption>Visitors whose route changes, and why</caption>
                <thead>
                  <tr>
                    <th scope="col">Visitor</th>
                    <th scope="col">Live</th>
                    <th scope="col">Draft</th>
                  </tr>
                </thead>
                <tbody>
                  {simulation.changed.slice(0, 50).map((visitor) => (
                    <tr key={visitor.visitorId}>
                      <td>
                        <code>{visitor.visitorId.slice(-8)}</code>
                      </td>
                      <td>
                        {route(visitor.live.route)} — {visitor.live.stage}, by {ruleName(visitor.live.ruleId)}
                      </td>
                      <td>
                        {route(visitor.draft.route)} — {visitor.draft.stage}, by {ruleName(visitor.draft.ruleId)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
