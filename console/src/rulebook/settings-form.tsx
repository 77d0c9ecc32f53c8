import type { RulebookContent } from '../rulebook-types.js';
import { Field, inputValue, ItemProblems, type Update } from './fields.js';
import { TargetPicker } from './rules-form.js';

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Fallbacks, business hours and alert recipients: the parts of the rulebook outside rules and scoring. */
export function RoutingSettingsForm({ content, update }: { content: RulebookContent; update: Update }) {
  const hours = content.businessHours;
  return (
    <section aria-labelledby="fallbacks-heading">
      <h2 id="fallbacks-heading">Fallbacks, business hours and alerts</h2>
      <fieldset>
        <legend>Fallbacks, tried in order when the matched rule finds nobody available</legend>
        <ol>
          {content.fallbacks.map((target, index) => (
            <li key={index}>
              <ItemProblems pointer={`/fallbacks/${index}`} />
              <TargetPicker
                target={target}
                pointer={`/fallbacks/${index}`}
                content={content}
                label={`fallback ${index + 1}`}
                onChange={(next) =>
                  update((draft) => {
                    draft.fallbacks[index] = next;
                  })
                }
              />
              <button
                type="button"
                class="small danger"
                onClick={() => update((draft) => void draft.fallbacks.splice(index, 1))}
              >
                Remove fallback {index + 1}
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          class="small"
          onClick={() =>
            update((draft) => void draft.fallbacks.push({ type: 'nurture', nurtureId: draft.nurtures[0]!.id }))
          }
        >
          Add a fallback
        </button>
      </fieldset>
      <fieldset>
        <legend>Business hours</legend>
        <div class="row">
          <Field label="Time zone" pointer="/businessHours/timeZone">
            {(props) => (
              <input
                {...props}
                value={hours.timeZone}
                onChange={(e) =>
                  update((d) => {
                    d.businessHours.timeZone = inputValue(e);
                  })
                }
              />
            )}
          </Field>
          <Field label="From" pointer="/businessHours/start">
            {(props) => (
              <input
                {...props}
                type="time"
                value={hours.start}
                onChange={(e) =>
                  update((d) => {
                    d.businessHours.start = inputValue(e);
                  })
                }
              />
            )}
          </Field>
          <Field label="Until" pointer="/businessHours/end">
            {(props) => (
              <input
                {...props}
                type="time"
                value={hours.end}
                onChange={(e) =>
                  update((d) => {
                    d.businessHours.end = inputValue(e);
                  })
                }
              />
            )}
          </Field>
        </div>
        <fieldset class="bare row" aria-label="Business days">
          {DAY_NAMES.map((name, index) => (
            <label class="check" key={name}>
              <input
                type="checkbox"
                checked={hours.days.includes(index + 1)}
                onChange={(e) =>
                  update((d) => {
                    const days = new Set(d.businessHours.days);
                    if ((e.target as HTMLInputElement).checked) days.add(index + 1);
                    else days.delete(index + 1);
                    d.businessHours.days = [...days].sort();
                  })
                }
              />
              {name}
            </label>
          ))}
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>Alerts</legend>
        <Field label="Alert recipients (comma-separated emails)" pointer="/alerts/emails">
          {(props) => (
            <input
              {...props}
              class="wide"
              value={content.alerts.emails.join(', ')}
              onChange={(e) =>
                update((d) => {
                  d.alerts.emails = inputValue(e)
                    .split(',')
                    .map((email) => email.trim())
                    .filter(Boolean);
                })
              }
            />
          )}
        </Field>
        <Field label="Notification webhook (https URL)" pointer="/alerts/webhookUrl">
          {(props) => (
            <input
              {...props}
              class="wide"
              type="url"
              placeholder="none"
              value={content.alerts.webhookUrl ?? ''}
              onChange={(e) =>
                update((d) => {
                  const url = inputValue(e).trim();
                  if (url) d.alerts.webhookUrl = url;
                  else delete d.alerts.webhookUrl;
                })
              }
            />
          )}
        </Field>
      </fieldset>
    </section>
  );
}
