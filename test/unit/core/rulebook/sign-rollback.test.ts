import { describe, expect, it } from 'vitest';
import type { Signature } from '../../../../functions/core/rulebook/rulebook-lifecycle.js';
import { type PendingRollback, signRollback } from '../../../../functions/core/rulebook/sign-rollback.js';

const AT = '2026-11-26T05:00:00.000Z';
const signature = (side: 'marketing' | 'sales', userId: string): Signature => ({
  side,
  userId,
  name: userId.toUpperCase(),
  at: '2026-11-26T04:00:00.000Z',
  contentHash: 'hash-1',
});
const held = (signatures: Signature[], overrides: Partial<PendingRollback> = {}): PendingRollback => ({
  version: 1,
  fromVersion: 3,
  signatures,
  revision: 4,
  ...overrides,
});
const request = (side: 'marketing' | 'sales', overrides: { version?: number; liveVersion?: number } = {}) => ({
  version: 1,
  liveVersion: 3,
  contentHash: 'hash-1',
  side,
  ...overrides,
});
const signer = (userId: string) => ({ userId, name: userId.toUpperCase(), at: AT });
const mine = (side: 'marketing' | 'sales', userId: string): Signature => ({ ...signature(side, userId), at: AT });

describe('signing a rollback', () => {
  it.each([
    [
      'the first signature waits for the other side',
      null,
      request('marketing'),
      'mia',
      'pending',
      [mine('marketing', 'mia')],
      1,
    ],
    [
      "the other side's signature completes it",
      held([signature('marketing', 'mia')]),
      request('sales'),
      'sam',
      'complete',
      [signature('marketing', 'mia'), mine('sales', 'sam')],
      5,
    ],
    [
      'a second signature for the same side replaces the first and still waits',
      held([signature('marketing', 'mia')]),
      request('marketing'),
      'max',
      'pending',
      [mine('marketing', 'max')],
      5,
    ],
    [
      'the same person signing their side again still waits',
      held([signature('marketing', 'mia')]),
      request('marketing'),
      'mia',
      'pending',
      [mine('marketing', 'mia')],
      5,
    ],
    [
      'another target starts over',
      held([signature('marketing', 'mia')]),
      request('sales', { version: 2 }),
      'sam',
      'pending',
      [mine('sales', 'sam')],
      5,
    ],
    [
      'a live version that moved meanwhile starts over',
      held([signature('marketing', 'mia')]),
      request('sales', { liveVersion: 4 }),
      'sam',
      'pending',
      [mine('sales', 'sam')],
      5,
    ],
  ] as const)('%s', (_, before, asked, userId, outcome, signatures, revision) => {
    const result = signRollback(before, asked, signer(userId));

    expect(result).toEqual({
      outcome,
      rollback: { version: asked.version, fromVersion: asked.liveVersion, signatures, revision },
    });
  });

  it('refuses one person signing for both sides', () => {
    expect(signRollback(held([signature('marketing', 'mia')]), request('sales'), signer('mia'))).toEqual({
      outcome: 'refused',
    });
  });

  it('lets the same person sign the other side once the rollback they signed was for another target', () => {
    const result = signRollback(held([signature('marketing', 'mia')]), request('sales', { version: 2 }), signer('mia'));

    expect(result.outcome).toBe('pending');
  });
});
