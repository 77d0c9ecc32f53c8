import { type Logger, LogLevelThreshold } from '@aws-lambda-powertools/logger';
import { describe, expect, it, vi } from 'vitest';
import type { Dependencies } from '../../../functions/app/dependencies.js';
import { HmacVisitorSessions } from '../../../functions/adapters/auth/visitor-sessions.hmac.js';
import { createApp } from '../../../functions/http/create-app.js';

/** A logger that records what it was asked, and the child loggers it built. */
function recordingLogger(level: number = LogLevelThreshold.INFO) {
  const child = { info: vi.fn(), error: vi.fn(), warn: vi.fn() };
  const logger = { level, info: vi.fn(), error: vi.fn(), warn: vi.fn(), createChild: vi.fn(() => child) };
  return { logger, child, asLogger: logger as unknown as Logger };
}

const appWith = (asLogger: Logger) =>
  createApp({
    deps: {} as Dependencies,
    logger: asLogger,
    verifier: { verify: () => Promise.reject(new Error('no tokens')) },
    visitorSessions: new HmacVisitorSessions({ secret: new Uint8Array(32) }),
    routes: [
      (app) => {
        app.get('/ok', (c) => c.text('ok'));
        app.get('/boom', () => {
          throw new Error('kaput');
        });
      },
    ],
  });

describe('the request log', () => {
  it('logs one line per request with its id, status and path, building no child logger', async () => {
    const { logger, asLogger } = recordingLogger();

    const response = await appWith(asLogger).request('/ok', { headers: { 'x-request-id': 'trace-1' } });

    expect(response.status).toBe(200);
    expect(logger.info).toHaveBeenCalledWith(
      'request',
      expect.objectContaining({ requestId: 'trace-1', method: 'GET', path: '/ok', status: 200 }),
    );
    expect(logger.createChild).not.toHaveBeenCalled();
  });

  it('builds the request’s child logger, keyed by its id, only when something logs through it', async () => {
    const { logger, child, asLogger } = recordingLogger();

    const response = await appWith(asLogger).request('/boom', { headers: { 'x-request-id': 'trace-2' } });

    expect(response.status).toBe(500);
    expect(logger.createChild).toHaveBeenCalledTimes(1);
    expect(logger.createChild).toHaveBeenCalledWith({ persistentKeys: { requestId: 'trace-2' } });
    expect(child.error).toHaveBeenCalledWith('unhandled error', expect.any(Error));
    expect(logger.info).toHaveBeenCalledWith('request', expect.objectContaining({ requestId: 'trace-2', status: 500 }));
  });

  it('builds no request line when the logger is set above INFO, and still logs an unhandled error', async () => {
    const { logger, child, asLogger } = recordingLogger(LogLevelThreshold.WARN);
    const app = appWith(asLogger);

    const ok = await app.request('/ok');
    const boom = await app.request('/boom');

    expect([ok.status, boom.status]).toEqual([200, 500]);
    expect(logger.info).not.toHaveBeenCalled();
    expect(child.error).toHaveBeenCalledWith('unhandled error', expect.any(Error));
  });
});
