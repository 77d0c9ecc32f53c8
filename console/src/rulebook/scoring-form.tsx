import type { RulebookContent } from '../rulebook-types.js';
import { Field, inputValue, numberOrUndefined, type Update } from './fields.js';

type Scoring = RulebookContent['scoring'];
const JOB_LEVELS = ['c-level', 'vp-director', 'manager', 'individual'] as const;
const JOB_LEVEL_NAMES: Record<(typeof JOB_LEVELS)[number], string> = {
  'c-level': 'C-level',
  'vp-director': 'VP or director',
  manager: 'Manager',
  individual: 'Individual contributor',
};

function PointsInput({
  label,
  pointer,
  value,
  set,
}: {
  label: string;
  pointer: string;
  value: number;
  set(n: number): void;
}) {
  return (
    <Field label={label} pointer={pointer}>
      {(props) => <input {...props} type="number" size={6} value={value} onInput={(e) => set(Number(inputValue(e)))} />}
    </Field>
  );
}

export function ScoringForm({ content, update }: { content: RulebookContent; update: Update }) {
  const scoring = content.scoring;
  const set = (change: (scoring: Scoring) => void) => update((draft) => change(draft.scoring));
  const gates = scoring.gates;
  return (
    <section aria-labelledby="scoring-heading">
      <h2 id="scoring-heading">Scoring, threshold and ICP gates</h2>
      <fieldset>
        <legend>Threshold</legend>
        <PointsInput
          label="MQL when the score reaches"
          pointer="/scoring/thresholds/mql"
          value={scoring.thresholds.mql}
          set={(n) =>
            set((s) => {
              s.thresholds.mql = n;
            })
          }
        />
      </fieldset>
      <fieldset>
        <legend>Company size</legend>
        <div class="row">
          {scoring.companySize.map((band, index) => (
            <PointsInput
              key={band.label}
              label={`${band.label} employees`}
              pointer={`/scoring/companySize/${index}/points`}
              value={band.points}
              set={(n) =>
                set((s) => {
                  s.companySize[index]!.points = n;
                })
              }
            />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Job level</legend>
        <div class="row">
          {JOB_LEVELS.map((level) => (
            <PointsInput
              key={level}
              label={JOB_LEVEL_NAMES[level]}
              pointer={`/scoring/jobLevel/${level}`}
              value={scoring.jobLevel[level]}
              set={(n) =>
                set((s) => {
                  s.jobLevel[level] = n;
                })
              }
            />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Industry</legend>
        <div class="row">
          <PointsInput
            label="Core"
            pointer="/scoring/industry/corePoints"
            value={scoring.industry.corePoints}
            set={(n) =>
              set((s) => {
                s.industry.corePoints = n;
              })
            }
          />
          <PointsInput
            label="Related"
            pointer="/scoring/industry/relatedPoints"
            value={scoring.industry.relatedPoints}
            set={(n) =>
              set((s) => {
                s.industry.relatedPoints = n;
              })
            }
          />
          <PointsInput
            label="Other"
            pointer="/scoring/industry/otherPoints"
            value={scoring.industry.otherPoints}
            set={(n) =>
              set((s) => {
                s.industry.otherPoints = n;
              })
            }
          />
        </div>
        {(['core', 'related'] as const).map((tier) => (
          <Field
            key={tier}
            label={`${tier === 'core' ? 'Core' : 'Related'} industries (comma-separated)`}
            pointer={`/scoring/industry/${tier}`}
          >
            {(props) => (
              <input
                {...props}
                class="wide"
                value={scoring.industry[tier].join(', ')}
                onChange={(e) =>
                  set((s) => {
                    s.industry[tier] = inputValue(e)
                      .split(',')
                      .map((name) => name.trim())
                      .filter(Boolean);
                  })
                }
              />
            )}
          </Field>
        ))}
      </fieldset>
      <fieldset>
        <legend>Behaviour (each counts once)</legend>
        <div class="row">
          {(Object.keys(scoring.behaviour) as Array<keyof Scoring['behaviour']>).map((behaviour) => (
            <PointsInput
              key={behaviour}
              label={behaviour}
              pointer={`/scoring/behaviour/${behaviour}`}
              value={scoring.behaviour[behaviour]}
              set={(n) =>
                set((s) => {
                  s.behaviour[behaviour] = n;
                })
              }
            />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Negative signals</legend>
        <div class="row">
          <PointsInput
            label="Unsubscribed"
            pointer="/scoring/negative/unsubscribed"
            value={scoring.negative.unsubscribed}
            set={(n) =>
              set((s) => {
                s.negative.unsubscribed = n;
              })
            }
          />
          <PointsInput
            label="Personal email address"
            pointer="/scoring/negative/personalEmail"
            value={scoring.negative.personalEmail}
            set={(n) =>
              set((s) => {
                s.negative.personalEmail = n;
              })
            }
          />
          <PointsInput
            label={`Inactive for ${scoring.negative.inactive.afterDays} days`}
            pointer="/scoring/negative/inactive/points"
            value={scoring.negative.inactive.points}
            set={(n) =>
              set((s) => {
                s.negative.inactive.points = n;
              })
            }
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>ICP gates (must-haves: failing one means no MQL whatever the score)</legend>
        <div class="row">
          <Field label="At least employees" pointer="/scoring/gates/minEmployees">
            {(props) => (
              <input
                {...props}
                type="number"
                min={0}
                size={8}
                placeholder="any"
                value={gates.minEmployees ?? ''}
                onInput={(e) => set((s) => setOptional(s.gates, 'minEmployees', numberOrUndefined(inputValue(e))))}
              />
            )}
          </Field>
          <Field label="At most employees" pointer="/scoring/gates/maxEmployees">
            {(props) => (
              <input
                {...props}
                type="number"
                min={0}
                size={8}
                placeholder="any"
                value={gates.maxEmployees ?? ''}
                onInput={(e) => set((s) => setOptional(s.gates, 'maxEmployees', numberOrUndefined(inputValue(e))))}
              />
            )}
          </Field>
          <Field label="Countries (ISO codes, comma-separated)" pointer="/scoring/gates/countries">
            {(props) => (
              <input
                {...props}
                placeholder="any"
                value={(gates.countries ?? []).join(', ')}
                onChange={(e) => {
                  const codes = inputValue(e)
                    .split(',')
                    .map((code) => code.trim().toUpperCase())
                    .filter(Boolean);
                  set((s) => setOptional(s.gates, 'countries', codes.length ? codes : undefined));
                }}
              />
            )}
          </Field>
        </div>
        <fieldset>
          <legend>Job levels allowed</legend>
          <div class="row">
            {JOB_LEVELS.map((level) => (
              <label class="check" key={level}>
                <input
                  type="checkbox"
                  checked={gates.jobLevels?.includes(level) ?? false}
                  onChange={(e) =>
                    set((s) => {
                      const chosen = new Set(s.gates.jobLevels ?? []);
                      if ((e.target as HTMLInputElement).checked) chosen.add(level);
                      else chosen.delete(level);
                      setOptional(
                        s.gates,
                        'jobLevels',
                        chosen.size ? JOB_LEVELS.filter((l) => chosen.has(l)) : undefined,
                      );
                    })
                  }
                />
                {JOB_LEVEL_NAMES[level]}
              </label>
            ))}
          </div>
          <p class="hint">None ticked: any job level.</p>
        </fieldset>
      </fieldset>
    </section>
  );
}

function setOptional<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined) {
  if (value === undefined) delete target[key];
  else target[key] = value;
}
