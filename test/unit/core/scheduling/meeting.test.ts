import { describe, expect, it } from 'vitest';
import { blockedTimeOf } from '../../../../functions/core/scheduling/meeting.js';

const grid = (bufferBeforeMinutes: number, bufferAfterMinutes: number, slotStepMinutes = 30) => ({
  bufferBeforeMinutes,
  bufferAfterMinutes,
  slotStepMinutes,
});
const slot = { start: '2026-11-25T10:00:00.000Z', end: '2026-11-25T10:30:00.000Z' };

describe('blockedTimeOf', () => {
  it('blocks the meeting itself and one lock cell per grid step, the lock kept a day past the end', () => {
    expect(blockedTimeOf(slot, grid(0, 0))).toEqual({
      blockedStart: '2026-11-25T10:00:00.000Z',
      blockedEnd: '2026-11-25T10:30:00.000Z',
      cells: ['2026-11-25T10:00:00.000Z'],
      lockExpiresAt: Date.parse('2026-11-26T10:30:00.000Z') / 1000,
    });
  });

  it('widens the blocked time by both buffers and takes every cell the buffers touch', () => {
    expect(blockedTimeOf(slot, grid(15, 10))).toEqual({
      blockedStart: '2026-11-25T09:45:00.000Z',
      blockedEnd: '2026-11-25T10:40:00.000Z',
      cells: ['2026-11-25T09:30:00.000Z', '2026-11-25T10:00:00.000Z', '2026-11-25T10:30:00.000Z'],
      lockExpiresAt: Date.parse('2026-11-26T10:40:00.000Z') / 1000,
    });
  });

  it('takes no cell that starts exactly where the blocked time ends', () => {
    expect(blockedTimeOf({ start: slot.start, end: '2026-11-25T11:00:00.000Z' }, grid(0, 0, 15)).cells).toEqual([
      '2026-11-25T10:00:00.000Z',
      '2026-11-25T10:15:00.000Z',
      '2026-11-25T10:30:00.000Z',
      '2026-11-25T10:45:00.000Z',
    ]);
  });
});
