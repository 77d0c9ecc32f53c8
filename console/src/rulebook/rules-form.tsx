import { describeCondition } from '../../../functions/core/rulebook/describe-condition.js';
import type { LeafCondition } from '../../../functions/core/routing/condition.js';
import { ROUTING_FIELD_TYPES, type Rule, type RulebookContent } from '../rulebook-types.js';
import { Field, inputValue, ItemProblems, type Update } from './fields.js';

type Target = Rule['route'];
const OPS: Array<LeafCondition['op']> = ['equals', 'in', 'between', 'contains', 'matches', 'exists'];
const OP_LABELS: Record<LeafCondition['op'], string> = {
  equals: 'is',
  in: 'is one of',
  between: 'is between',
  contains: 'contains',
  matches: 'matches pattern',
  exists: 'is known',
};

/** The rule's conditions as a flat list the form can edit: a single leaf or an "all" of leaves. */
function editableLeaves(rule: Rule): LeafCondition[] | null {
  if ('op' in rule.when) return [rule.when];
  if ('all' in rule.when && rule.when.all.every((part) => 'op' in part)) return rule.when.all as LeafCondition[];
  return null;
}

function leafFor(field: string, op: LeafCondition['op'], previous?: LeafCondition): LeafCondition {
  const type = ROUTING_FIELD_TYPES[field] ?? 'string';
  switch (op) {
    case 'equals':
      return { field, op, value: type === 'boolean' ? true : type === 'number' ? 0 : '' };
    case 'in':
      return { field, op, values: [''] };
    case 'between':
      return { field, op, min: previous?.op === 'between' ? previous.min : 0 };
    case 'contains':
      return { field, op, value: '' };
    case 'matches':
      return { field, op, pattern: '.' };
    case 'exists':
      return { field, op };
  }
}

export function RulesForm({ content, update }: { content: RulebookContent; update: Update }) {
  const addRule = () =>
    update((draft) => {
      let n = draft.rules.length + 1;
      while (draft.rules.some((rule) => rule.id === `rule-${n}`)) n++;
      draft.rules.push({
        id: `rule-${n}`,
        name: 'New rule',
        when: { all: [{ field: 'qualifies', op: 'equals', value: true }] },
        route: draft.pools[0] ? { type: 'pool', poolId: draft.pools[0].id } : { type: 'account-owner' },
      });
    });
  return (
    <section aria-labelledby="rules-heading">
      <div class="card-header">
        <h2 id="rules-heading">Routing rules</h2>
        <button type="button" onClick={addRule}>
          Add a rule
        </button>
      </div>
      <p class="hint">
        The first rule that matches decides; the fallbacks are tried when its target has nobody available.
      </p>
      {content.rules.length === 0 ? <p class="empty">No rules: every visitor gets the unrouted nurture.</p> : null}
      <ol class="rule-list">
        {content.rules.map((rule, index) => (
          <li key={`${index}-${rule.id}`}>
            <RuleEditor rule={rule} index={index} count={content.rules.length} content={content} update={update} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function RuleEditor({
  rule,
  index,
  count,
  content,
  update,
}: {
  rule: Rule;
  index: number;
  count: number;
  content: RulebookContent;
  update: Update;
}) {
  const base = `/rules/${index}`;
  const leaves = editableLeaves(rule);
  const setRule = (change: (rule: Rule) => void) => update((draft) => change(draft.rules[index]!));
  const move = (by: number) =>
    update((draft) => {
      const [moved] = draft.rules.splice(index, 1);
      draft.rules.splice(index + by, 0, moved!);
    });
  const setLeaves = (next: LeafCondition[]) =>
    setRule((target) => {
      target.when = { all: next };
    });
  return (
    <fieldset class="card rule">
      <legend>
        Rule {index + 1}: {rule.name}
      </legend>
      <ItemProblems pointer={base} />
      <div class="row">
        <Field label="Name" pointer={`${base}/name`} class="grow">
          {(props) => (
            <input
              {...props}
              value={rule.name}
              maxLength={120}
              onInput={(event) =>
                setRule((target) => {
                  target.name = inputValue(event);
                })
              }
            />
          )}
        </Field>
        <Field label="Id" pointer={`${base}/id`}>
          {(props) => (
            <input
              {...props}
              value={rule.id}
              size={16}
              onInput={(event) =>
                setRule((target) => {
                  target.id = inputValue(event);
                })
              }
            />
          )}
        </Field>
      </div>
      <h3>When</h3>
      {leaves ? (
        <ul class="conditions">
          {leaves.map((leaf, leafIndex) => (
            <li key={leafIndex}>
              <ConditionRow
                leaf={leaf}
                pointer={'op' in rule.when ? `${base}/when` : `${base}/when/all/${leafIndex}`}
                onChange={(next) => setLeaves(leaves.map((old, i) => (i === leafIndex ? next : old)))}
                onRemove={() => setLeaves(leaves.filter((_, i) => i !== leafIndex))}
                label={`Condition ${leafIndex + 1} of rule ${index + 1}`}
              />
            </li>
          ))}
          <li>
            <button type="button" class="small" onClick={() => setLeaves([...leaves, leafFor('score', 'between')])}>
              Add a condition
            </button>
            {leaves.length === 0 ? <span class="hint"> No condition: the rule matches every visitor.</span> : null}
          </li>
        </ul>
      ) : (
        <p>
          {describeCondition(rule.when)}{' '}
          <span class="hint">(nested “any”/“not” conditions are edited in the JSON tab)</span>
        </p>
      )}
      <h3>Route to</h3>
      <TargetPicker
        target={rule.route}
        pointer={`${base}/route`}
        content={content}
        onChange={(route) =>
          setRule((target) => {
            target.route = route;
          })
        }
        label={`rule ${index + 1}`}
      />
      <div class="row actions">
        <button
          type="button"
          class="small"
          disabled={index === 0}
          onClick={() => move(-1)}
          aria-label={`Move up rule ${rule.name}`}
        >
          Move up
        </button>
        <button
          type="button"
          class="small"
          disabled={index === count - 1}
          onClick={() => move(1)}
          aria-label={`Move down rule ${rule.name}`}
        >
          Move down
        </button>
        <button
          type="button"
          class="small danger"
          onClick={() => update((draft) => void draft.rules.splice(index, 1))}
          aria-label={`Remove rule ${rule.name}`}
        >
          Remove
        </button>
      </div>
    </fieldset>
  );
}

function ConditionRow({
  leaf,
  pointer,
  onChange,
  onRemove,
  label,
}: {
  leaf: LeafCondition;
  pointer: string;
  onChange(next: LeafCondition): void;
  onRemove(): void;
  label: string;
}) {
  const type = ROUTING_FIELD_TYPES[leaf.field] ?? 'string';
  const fields = Object.keys(ROUTING_FIELD_TYPES);
  return (
    <fieldset class="bare row condition" aria-label={label}>
      <Field label="Field" pointer={`${pointer}/field`}>
        {(props) => (
          <select
            {...props}
            value={leaf.field}
            onChange={(event) => onChange(leafFor(inputValue(event), leaf.op, leaf))}
          >
            {(fields.includes(leaf.field) ? fields : [leaf.field, ...fields]).map((field) => (
              <option key={field} value={field}>
                {field}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Test" pointer={`${pointer}/op`}>
        {(props) => (
          <select
            {...props}
            value={leaf.op}
            onChange={(event) => onChange(leafFor(leaf.field, inputValue(event) as LeafCondition['op'], leaf))}
          >
            {OPS.map((op) => (
              <option key={op} value={op}>
                {OP_LABELS[op]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {leaf.op === 'equals' ? (
        <Field label="Value" pointer={`${pointer}/value`}>
          {(props) =>
            type === 'boolean' ? (
              <select
                {...props}
                value={String(leaf.value)}
                onChange={(event) => onChange({ ...leaf, value: inputValue(event) === 'true' })}
              >
                <option value="true">true</option>
                <option value="false">false</option>
              </select>
            ) : (
              <input
                {...props}
                inputMode={type === 'number' ? 'decimal' : 'text'}
                value={String(leaf.value)}
                onInput={(event) => {
                  const text = inputValue(event);
                  onChange({
                    ...leaf,
                    value: type === 'number' && text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text,
                  });
                }}
              />
            )
          }
        </Field>
      ) : null}
      {leaf.op === 'in' ? (
        <Field label="Values (comma-separated)" pointer={`${pointer}/values`}>
          {(props) => (
            <input
              {...props}
              value={leaf.values.join(', ')}
              onInput={(event) =>
                onChange({
                  ...leaf,
                  values: inputValue(event)
                    .split(',')
                    .map((value) => value.trim())
                    .filter(Boolean)
                    .map((value) => (type === 'number' && !Number.isNaN(Number(value)) ? Number(value) : value)),
                })
              }
            />
          )}
        </Field>
      ) : null}
      {leaf.op === 'between' ? (
        <>
          <Field label="At least" pointer={`${pointer}/min`}>
            {(props) => (
              <input
                {...props}
                type="number"
                size={8}
                value={leaf.min ?? ''}
                onInput={(event) => {
                  const text = inputValue(event);
                  const { min: _min, ...rest } = leaf;
                  onChange(text === '' ? rest : { ...rest, min: Number(text) });
                }}
              />
            )}
          </Field>
          <Field label="At most" pointer={`${pointer}/max`}>
            {(props) => (
              <input
                {...props}
                type="number"
                size={8}
                value={leaf.max ?? ''}
                onInput={(event) => {
                  const text = inputValue(event);
                  const { max: _max, ...rest } = leaf;
                  onChange(text === '' ? rest : { ...rest, max: Number(text) });
                }}
              />
            )}
          </Field>
        </>
      ) : null}
      {leaf.op === 'contains' ? (
        <Field label="Text" pointer={`${pointer}/value`}>
          {(props) => (
            <input {...props} value={leaf.value} onInput={(event) => onChange({ ...leaf, value: inputValue(event) })} />
          )}
        </Field>
      ) : null}
      {leaf.op === 'matches' ? (
        <Field label="Pattern" pointer={`${pointer}/pattern`}>
          {(props) => (
            <input
              {...props}
              value={leaf.pattern}
              onInput={(event) => onChange({ ...leaf, pattern: inputValue(event) })}
            />
          )}
        </Field>
      ) : null}
      <button type="button" class="small danger" onClick={onRemove} aria-label={`Remove ${label.toLowerCase()}`}>
        Remove
      </button>
    </fieldset>
  );
}

export function TargetPicker({
  target,
  pointer,
  content,
  onChange,
  label,
}: {
  target: Target;
  pointer: string;
  content: RulebookContent;
  onChange(next: Target): void;
  label: string;
}) {
  const reps = [...new Set(content.pools.flatMap((pool) => pool.members.map((member) => member.repId)))];
  const change = (type: Target['type']) => {
    if (type === 'account-owner') onChange({ type });
    if (type === 'pool') onChange({ type, poolId: content.pools[0]?.id ?? '' });
    if (type === 'rep') onChange({ type, repId: reps[0] ?? '' });
    if (type === 'nurture') onChange({ type, nurtureId: content.nurtures[0]?.id ?? '' });
  };
  return (
    <fieldset class="bare row" aria-label={`Target of ${label}`}>
      <Field label="Target" pointer={`${pointer}/type`}>
        {(props) => (
          <select {...props} value={target.type} onChange={(event) => change(inputValue(event) as Target['type'])}>
            <option value="account-owner">the account's owner</option>
            <option value="pool">a pool</option>
            <option value="rep">a rep</option>
            <option value="nurture">a nurture outcome</option>
          </select>
        )}
      </Field>
      {target.type === 'pool' ? (
        <Field label="Pool" pointer={`${pointer}/poolId`}>
          {(props) => (
            <select
              {...props}
              value={target.poolId}
              onChange={(event) => onChange({ type: 'pool', poolId: inputValue(event) })}
            >
              {options(
                target.poolId,
                content.pools.map((pool) => [pool.id, pool.name]),
              )}
            </select>
          )}
        </Field>
      ) : null}
      {target.type === 'rep' ? (
        <Field label="Rep id" pointer={`${pointer}/repId`}>
          {(props) => (
            <input
              {...props}
              value={target.repId}
              onInput={(event) => onChange({ type: 'rep', repId: inputValue(event) })}
            />
          )}
        </Field>
      ) : null}
      {target.type === 'nurture' ? (
        <Field label="Nurture" pointer={`${pointer}/nurtureId`}>
          {(props) => (
            <select
              {...props}
              value={target.nurtureId}
              onChange={(event) => onChange({ type: 'nurture', nurtureId: inputValue(event) })}
            >
              {options(
                target.nurtureId,
                content.nurtures.map((nurture) => [nurture.id, nurture.id]),
              )}
            </select>
          )}
        </Field>
      ) : null}
    </fieldset>
  );
}

/** Select options that keep an unknown current value visible (the problem list names it). */
function options(current: string, known: Array<[string, string]>) {
  const all = known.some(([id]) => id === current)
    ? known
    : [[current, `${current} (unknown)`] as [string, string], ...known];
  return all.map(([id, name]) => (
    <option key={id} value={id}>
      {name}
    </option>
  ));
}
