import { describe, expect, it } from 'vitest';
import { assertNever } from '../../../functions/core/assert-never.js';
import { advanceConversation } from '../../../functions/core/playbooks/advance-conversation.js';
import { aPlaybook } from '../../fixtures/builders.js';

describe('assertNever', () => {
  it('is refused by the compiler for a value a switch has not narrowed away, and throws at run time', () => {
    const kind = 'say' as 'say' | 'ask';
    // @ts-expect-error 'say' | 'ask' is not never: an unhandled case fails tsc.
    expect(() => assertNever(kind, 'thing')).toThrow('unhandled thing: "say"');
  });

  it('makes the conversation engine fail loudly on a step kind it does not know instead of ending the chat', () => {
    const playbook = aPlaybook({ steps: [{ id: 'x', kind: 'hologram', text: { en: '?' } } as never] });

    expect(() => advanceConversation(playbook, null, { type: 'started' }, 'en')).toThrow(
      'unhandled playbook step: {"id":"x","kind":"hologram"',
    );
    expect(() =>
      advanceConversation(playbook, { awaiting: 'x', answers: {} }, { type: 'visitor-message', text: 'hi' }, 'en'),
    ).toThrow('unhandled playbook step');
  });
});
