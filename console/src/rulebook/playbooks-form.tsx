import { useEffect, useState } from 'preact/hooks';
import type { RulebookContent } from '../rulebook-types.js';
import { inputValue, ItemProblems, type Update } from './fields.js';

type Playbook = RulebookContent['playbooks'][number];
type Step = Playbook['steps'][number];

/** What the visitor would see, step by step along the first path, in English. */
function Preview({ playbook }: { playbook: Playbook }) {
  const seen = new Set<string>();
  const bubbles: Array<{ id: string; text: string; choices?: string[]; note?: string }> = [
    { id: 'greeting', text: playbook.greeting.en },
  ];
  let index = 0;
  while (index < playbook.steps.length && bubbles.length < 12) {
    const step: Step = playbook.steps[index]!;
    if (seen.has(step.id)) break;
    seen.add(step.id);
    let next: string | undefined;
    switch (step.kind) {
      case 'say':
        bubbles.push({ id: step.id, text: step.text.en });
        next = step.next;
        break;
      case 'ask-text':
      case 'ask-email':
        bubbles.push({
          id: step.id,
          text: step.prompt.en,
          note: step.kind === 'ask-email' ? 'expects an email' : 'free text',
        });
        next = step.next;
        break;
      case 'ask-choice':
        bubbles.push({ id: step.id, text: step.prompt.en, choices: step.options.map((option) => option.label.en) });
        next = step.next;
        break;
      case 'branch':
        bubbles.push({
          id: step.id,
          text: `(branches on ${step.branches.length} condition(s); otherwise → ${step.otherwise})`,
          note: 'branch',
        });
        next = step.otherwise;
        break;
      case 'route':
        bubbles.push({
          id: step.id,
          text: step.routed.en.replace('{rep}', 'Ana Souza'),
          note: step.offerSlots ? 'then open times' : undefined,
        });
        next = step.next;
        break;
      case 'end':
        bubbles.push({ id: step.id, text: step.text.en });
        next = '';
        break;
    }
    if (next === '') break;
    index = next === undefined ? index + 1 : playbook.steps.findIndex((candidate) => candidate.id === next);
    if (index < 0) break;
  }
  return (
    <div class="chat-preview" aria-label={`Preview of ${playbook.id}`} role="log">
      {bubbles.map((bubble) => (
        <div class="bubble" key={bubble.id}>
          {bubble.text}
          {bubble.choices ? (
            <div class="chips">
              {bubble.choices.map((choice) => (
                <span class="chip" key={choice}>
                  {choice}
                </span>
              ))}
            </div>
          ) : null}
          {bubble.note ? <div class="hint">{bubble.note}</div> : null}
        </div>
      ))}
    </div>
  );
}

export function PlaybooksForm({ content, update }: { content: RulebookContent; update: Update }) {
  const [selected, setSelected] = useState(0);
  const playbook = content.playbooks[selected];
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);
  useEffect(() => {
    setText(playbook ? JSON.stringify(playbook, null, 2) : '');
    setParseError(null);
  }, [selected, playbook === undefined ? '' : JSON.stringify(playbook)]);
  return (
    <section aria-labelledby="playbooks-heading">
      <h2 id="playbooks-heading">Playbooks</h2>
      <p class="hint">
        Chosen by their targeting when a chat starts; the site's own playbook answers when none matches. The preview
        follows the first path in English.
      </p>
      {content.playbooks.length === 0 ? (
        <p class="empty">No playbooks in the rulebook: every chat uses the site's own playbook.</p>
      ) : (
        <>
          <label>
            Playbook
            <select value={selected} onChange={(e) => setSelected(Number(inputValue(e)))}>
              {content.playbooks.map((candidate, index) => (
                <option key={candidate.id} value={index}>
                  {candidate.id}
                </option>
              ))}
            </select>
          </label>
          <ItemProblems pointer={`/playbooks/${selected}`} />
          <div class="split">
            <label>
              Playbook as JSON (changes show in the preview)
              <textarea
                rows={22}
                value={text}
                spellcheck={false}
                onInput={(e) => {
                  const next = inputValue(e);
                  setText(next);
                  try {
                    const parsed = JSON.parse(next) as Playbook;
                    setParseError(null);
                    update((draft) => {
                      draft.playbooks[selected] = parsed;
                    });
                  } catch (error) {
                    setParseError((error as Error).message);
                  }
                }}
                aria-invalid={parseError ? 'true' : undefined}
              />
              {parseError ? <span class="field-error">Not JSON yet: {parseError}</span> : null}
            </label>
            <div>
              <h3>Live preview</h3>
              {playbook ? <Preview playbook={playbook} /> : null}
            </div>
          </div>
        </>
      )}
    </section>
  );
}
