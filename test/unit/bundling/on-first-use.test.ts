import { describe, expect, it } from 'vitest';
import { adapterOnFirstUse } from '../../../functions/bundling/on-first-use.js';

interface Store {
  get(id: string): Promise<string>;
  put(id: string, value: string): Promise<void>;
}

describe('an adapter read on first use', () => {
  it('reads its module on the first call, once, and answers every call as the adapter does', async () => {
    let loads = 0;
    const values = new Map<string, string>();
    const store = adapterOnFirstUse<Store>(async () => {
      loads++;
      return { get: async (id) => values.get(id) ?? 'none', put: async (id, value) => void values.set(id, value) };
    });
    expect(loads).toBe(0);

    await Promise.all([store.put('a', '1'), store.put('b', '2')]);

    expect(await store.get('a')).toBe('1');
    expect(await store.get('c')).toBe('none');
    expect(loads).toBe(1);
  });

  it('tries reading its module again on the next call after a failed read', async () => {
    let loads = 0;
    const store = adapterOnFirstUse<Store>(async () => {
      loads++;
      if (loads === 1) throw new Error('package being replaced');
      return { get: async (id) => `value of ${id}`, put: async () => {} };
    });

    await expect(store.get('a')).rejects.toThrow('package being replaced');
    expect(await store.get('a')).toBe('value of a');
    expect(loads).toBe(2);
  });

  it('is not a thenable: awaiting it gives the adapter itself, unread', async () => {
    let loads = 0;
    const store = adapterOnFirstUse<Store>(async () => {
      loads++;
      return { get: async () => '', put: async () => {} };
    });

    expect(await Promise.resolve(store)).toBe(store);
    expect(loads).toBe(0);
  });
});
