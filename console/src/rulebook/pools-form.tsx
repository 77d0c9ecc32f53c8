import type { RulebookContent } from '../rulebook-types.js';
import { Field, inputValue, ItemProblems, numberOrUndefined, type Update } from './fields.js';

export function PoolsForm({ content, update, repIds }: { content: RulebookContent; update: Update; repIds: string[] }) {
  const addPool = () =>
    update((draft) => {
      let n = draft.pools.length + 1;
      while (draft.pools.some((pool) => pool.id === `pool-${n}`)) n++;
      draft.pools.push({
        id: `pool-${n}`,
        name: 'New pool',
        strategy: 'weighted-round-robin',
        members: [],
        visitorPicks: false,
      });
    });
  return (
    <section aria-labelledby="pools-heading">
      <div class="card-header">
        <h2 id="pools-heading">Rep pools</h2>
        <button type="button" onClick={addPool}>
          Add a pool
        </button>
      </div>
      <p class="hint">
        Weighted round robin gives each rep turns in proportion to their weight; a daily cap stops assignments for the
        day.
      </p>
      {content.pools.map((pool, index) => {
        const base = `/pools/${index}`;
        const setPool = (change: (pool: RulebookContent['pools'][number]) => void) =>
          update((draft) => change(draft.pools[index]!));
        return (
          <fieldset class="card" key={`${index}-${pool.id}`}>
            <legend>{pool.name}</legend>
            <ItemProblems pointer={`${base}/members`} />
            <div class="row">
              <Field label="Name" pointer={`${base}/name`} class="grow">
                {(props) => (
                  <input
                    {...props}
                    value={pool.name}
                    onInput={(e) =>
                      setPool((p) => {
                        p.name = inputValue(e);
                      })
                    }
                  />
                )}
              </Field>
              <Field label="Id" pointer={`${base}/id`}>
                {(props) => (
                  <input
                    {...props}
                    size={14}
                    value={pool.id}
                    onInput={(e) =>
                      setPool((p) => {
                        p.id = inputValue(e);
                      })
                    }
                  />
                )}
              </Field>
              <Field label="Strategy" pointer={`${base}/strategy`}>
                {(props) => (
                  <select
                    {...props}
                    value={pool.strategy}
                    onChange={(e) =>
                      setPool((p) => {
                        p.strategy = inputValue(e) as typeof p.strategy;
                      })
                    }
                  >
                    <option value="weighted-round-robin">weighted round robin</option>
                    <option value="least-loaded">least loaded</option>
                  </select>
                )}
              </Field>
              <label class="check">
                <input
                  type="checkbox"
                  checked={pool.visitorPicks}
                  onChange={(e) =>
                    setPool((p) => {
                      p.visitorPicks = (e.target as HTMLInputElement).checked;
                    })
                  }
                />
                Visitor picks the rep
              </label>
            </div>
            <div class="table-wrap">
              <table>
                <caption>Members of {pool.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Rep</th>
                    <th scope="col">Weight</th>
                    <th scope="col">Daily cap</th>
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {pool.members.map((member, memberIndex) => {
                    const at = `${base}/members/${memberIndex}`;
                    return (
                      <tr key={`${memberIndex}-${member.repId}`}>
                        <td>
                          <Field
                            label={`Rep ${memberIndex + 1} of ${pool.name}`}
                            pointer={`${at}/repId`}
                            class="label-hidden"
                          >
                            {(props) => (
                              <select
                                {...props}
                                value={member.repId}
                                onChange={(e) =>
                                  setPool((p) => {
                                    p.members[memberIndex]!.repId = inputValue(e);
                                  })
                                }
                              >
                                {(repIds.includes(member.repId) ? repIds : [member.repId, ...repIds]).map((repId) => (
                                  <option key={repId} value={repId}>
                                    {repId}
                                  </option>
                                ))}
                              </select>
                            )}
                          </Field>
                        </td>
                        <td>
                          <Field
                            label={`Weight of ${member.repId} in ${pool.name}`}
                            pointer={`${at}/weight`}
                            class="label-hidden"
                          >
                            {(props) => (
                              <input
                                {...props}
                                type="number"
                                min={1}
                                max={100}
                                size={5}
                                value={member.weight}
                                onInput={(e) =>
                                  setPool((p) => {
                                    p.members[memberIndex]!.weight = Number(inputValue(e));
                                  })
                                }
                              />
                            )}
                          </Field>
                        </td>
                        <td>
                          <Field
                            label={`Daily cap of ${member.repId} in ${pool.name}`}
                            pointer={`${at}/dailyCap`}
                            class="label-hidden"
                          >
                            {(props) => (
                              <input
                                {...props}
                                type="number"
                                min={1}
                                max={500}
                                size={5}
                                placeholder="none"
                                value={member.dailyCap ?? ''}
                                onInput={(e) =>
                                  setPool((p) => {
                                    const cap = numberOrUndefined(inputValue(e));
                                    if (cap === undefined) delete p.members[memberIndex]!.dailyCap;
                                    else p.members[memberIndex]!.dailyCap = cap;
                                  })
                                }
                              />
                            )}
                          </Field>
                        </td>
                        <td>
                          <button
                            type="button"
                            class="small danger"
                            aria-label={`Remove ${member.repId} from ${pool.name}`}
                            onClick={() => setPool((p) => void p.members.splice(memberIndex, 1))}
                          >
                            Remove
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <div class="row actions">
              <button
                type="button"
                class="small"
                onClick={() =>
                  setPool((p) => {
                    const free = repIds.find((repId) => !p.members.some((member) => member.repId === repId));
                    p.members.push({ repId: free ?? repIds[0] ?? '', weight: 1 });
                  })
                }
              >
                Add a rep to {pool.name}
              </button>
              <button
                type="button"
                class="small danger"
                onClick={() => update((draft) => void draft.pools.splice(index, 1))}
              >
                Remove pool {pool.name}
              </button>
            </div>
          </fieldset>
        );
      })}
    </section>
  );
}
