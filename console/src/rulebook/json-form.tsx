import { useState } from 'preact/hooks';
import type { RulebookContent } from '../rulebook-types.js';

/** The whole draft as JSON text: for what the forms do not cover (nested any/not conditions, nurtures). */
export function JsonForm({ content, replace }: { content: RulebookContent; replace(next: RulebookContent): void }) {
  const [text, setText] = useState(() => JSON.stringify(content, null, 2));
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('the rulebook is a JSON object');
      replace(parsed as RulebookContent);
      setError(null);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return (
    <section aria-labelledby="json-heading">
      <h2 id="json-heading">The draft as JSON</h2>
      <label>
        Rulebook JSON
        <textarea
          rows={30}
          spellcheck={false}
          value={text}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'json-error' : undefined}
        />
      </label>
      {error ? (
        <p class="field-error" id="json-error" role="alert">
          Not applied: {error}
        </p>
      ) : null}
      <div class="row actions">
        <button type="button" onClick={apply}>
          Apply JSON to the form
        </button>
        <button type="button" onClick={() => setText(JSON.stringify(content, null, 2))}>
          Reset to the form's content
        </button>
      </div>
      <p class="hint">Applying changes the draft in this page; “Save draft” stores it and runs the checks.</p>
    </section>
  );
}
