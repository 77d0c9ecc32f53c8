import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { RulebookContent } from '../rulebook-types.js';

/** Problems by JSON pointer into the rulebook, from the last save (meaning checks) or a refused one (schema). */
export const ProblemsContext = createContext<Map<string, string[]>>(new Map());

export type Update = (change: (content: RulebookContent) => void) => void;

const idOf = (pointer: string) => `field${pointer.replaceAll('/', '-')}`;

export function useProblems(pointer: string): string[] {
  return useContext(ProblemsContext).get(pointer) ?? [];
}

/** A labelled input whose problems, if any, are shown under it and announced with it. */
export function Field({
  label,
  pointer,
  children,
  class: className,
}: {
  label: string;
  pointer: string;
  children: (props: { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string }) => ComponentChildren;
  class?: string;
}) {
  const problems = useProblems(pointer);
  const id = idOf(pointer);
  const invalid = problems.length > 0;
  return (
    <div class={`field ${className ?? ''}`}>
      <label for={id}>{label}</label>
      {children({ id, ...(invalid ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-problem` } : {}) })}
      {invalid ? (
        <span class="field-error" id={`${id}-problem`}>
          {problems.join('; ')}
        </span>
      ) : null}
    </div>
  );
}

/** Problems about a whole item (a rule, a pool) rather than one of its fields. */
export function ItemProblems({ pointer }: { pointer: string }) {
  const problems = useProblems(pointer);
  if (problems.length === 0) return null;
  return (
    <p class="field-error" role="note">
      {problems.join('; ')}
    </p>
  );
}

export const inputValue = (event: Event) => (event.target as HTMLInputElement).value;
export const numberOrUndefined = (text: string) => (text.trim() === '' ? undefined : Number(text));
