import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Meeting } from '../../core/scheduling/meeting.js';
import type { Dependencies } from '../dependencies.js';
import { conflict, DomainError } from '../errors.js';

export const hashManageToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** An unguessable manage token; only its hash is stored. */
export const newManageToken = () => randomBytes(32).toString('base64url');

/**
 * The meeting a manage link opens; the same refusal for an unknown meeting and a wrong token. Only a
 * booked meeting can be changed; reading it and booking it again also accept a canceled one.
 */
export async function meetingByManageToken(
  deps: Pick<Dependencies, 'meetings' | 'clock'>,
  meetingId: string,
  token: string,
  accept: ReadonlyArray<Meeting['status']> = ['booked'],
): Promise<Meeting> {
  const meeting = await deps.meetings.get(meetingId);
  const given = Buffer.from(hashManageToken(token));
  const known = meeting ? [meeting.manageTokenHash, ...(meeting.reminderTokenHashes ?? [])] : [];
  if (!meeting || !known.some((hash) => timingSafeEqual(given, Buffer.from(hash))))
    throw new DomainError('forbidden', 'Invalid link', 'This manage link is not valid.');
  if (deps.clock().toISOString() >= meeting.manageTokenExpiresAt)
    throw new DomainError('forbidden', 'Link expired', 'This manage link has expired.');
  if (!accept.includes(meeting.status)) throw conflict('Meeting canceled', 'This meeting was canceled.');
  return meeting;
}
