import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EmlFolderMailer } from '../../../functions/adapters/mail/mailer.nodemailer.js';
import type { Dependencies } from '../../../functions/app/dependencies.js';
import { buildDependencies } from '../../../functions/composition/build-dependencies.js';
import { handleTimerEvent } from '../../../functions/handlers/timer-event.js';
import type { ScheduledTimer } from '../../../functions/ports/timers.js';
import { aSteppingClock } from '../../fixtures/builders.js';
import { silentLogger } from '../../support/silent-logger.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

describe('the timer function (what EventBridge Scheduler invokes)', () => {
  let store: TestStore;
  let deps: Dependencies;
  beforeAll(async () => {
    store = await startTestStore();
    deps = buildDependencies({
      db: store.doc,
      tableName: store.tableName,
      logger: silentLogger(),
      clock: aSteppingClock(),
      mailer: new EmlFolderMailer(mkdtempSync(join(tmpdir(), 'baton-timer-mail-'))),
    });
  });
  afterAll(() => store.close());

  const inactivity: ScheduledTimer = {
    id: 'inactivity-0123456789abcdef',
    siteKey: 'test-site',
    dueAt: '2026-11-25T10:00:00.000Z',
    kind: 'inactivity',
    payload: { visitorId: 'V-unknown' },
  };

  it("fires the schedule's input as the timer it was scheduled as, and the use case decides what is left to do", async () => {
    const logger = silentLogger();
    const info = vi.spyOn(logger, 'info');

    const outcome = await handleTimerEvent(deps, logger, JSON.parse(JSON.stringify(inactivity)));

    expect(outcome).toBe('unchanged');
    expect(info).toHaveBeenCalledWith('timer fired', {
      timerId: inactivity.id,
      kind: 'inactivity',
      outcome: 'unchanged',
    });
  });

  it.each([
    ['an unknown kind', { ...inactivity, kind: 'wake-up' }],
    ['an id no schedule could carry', { ...inactivity, id: 'Not A Schedule Name' }],
    ['a due time without a zone', { ...inactivity, dueAt: '2026-11-25T10:00:00' }],
    ['no payload', { ...inactivity, payload: undefined }],
    ['not an object', 'inactivity'],
  ])('drops %s with an error log instead of retrying what cannot be mended', async (_, event) => {
    const logger = silentLogger();
    const error = vi.spyOn(logger, 'error');

    await expect(handleTimerEvent(deps, logger, event)).resolves.toBeNull();
    expect(error).toHaveBeenCalledWith('not a Baton timer; dropped', expect.anything());
  });
});
