import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GoogleCalendar } from '../../functions/adapters/calendar/google.calendar.js';
import { IcsFeedCalendar } from '../../functions/adapters/calendar/ics-feed.calendar.js';
import { MicrosoftGraphCalendar } from '../../functions/adapters/calendar/microsoft-graph.calendar.js';
import { OAuthHttpClient } from '../../functions/adapters/calendar/oauth-http-client.js';
import { AesGcmTokenCipher } from '../../functions/adapters/crypto/token-cipher.aes-gcm.js';
import { DynamoDbCalendarConnections } from '../../functions/adapters/dynamodb/calendar-connections.dynamodb.js';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { aRep } from '../fixtures/builders.js';
import { json, startStandInServer } from '../support/stand-in-server.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

const rep = aRep('r', { name: 'R', timeZone: 'Europe/Berlin' });
const from = new Date('2026-10-19T00:00:00Z');
const to = new Date('2026-11-02T00:00:00Z');

const FEED = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//EN
BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:standup@test
DTSTART;TZID=Europe/Berlin:20261020T100000
DTEND;TZID=Europe/Berlin:20261020T103000
RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3
EXDATE;TZID=Europe/Berlin:20261027T100000
SUMMARY:Team standup
END:VEVENT
BEGIN:VEVENT
UID:lunch@test
DTSTART;TZID=Europe/Berlin:20261021T120000
DTEND;TZID=Europe/Berlin:20261021T130000
TRANSP:TRANSPARENT
SUMMARY:Lunch (free)
END:VEVENT
BEGIN:VEVENT
UID:ooo@test
DTSTART;VALUE=DATE:20261023
DTEND;VALUE=DATE:20261024
SUMMARY:Out of office
END:VEVENT
END:VCALENDAR`;

describe('IcsFeedCalendar against a stand-in feed server', () => {
  let server: Awaited<ReturnType<typeof startStandInServer>>;
  beforeAll(async () => {
    server = await startStandInServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/calendar' });
      res.end(FEED);
    });
  });
  afterAll(() => server.close());

  it('expands a weekly recurrence in its own time zone across the EU change, honours EXDATE, skips free time and reads all-day out of office', async () => {
    const feed = new IcsFeedCalendar();

    const result = await feed.busy({ type: 'ics', url: `${server.url}/private.ics` }, rep, from, to);

    expect(result.status).toBe('ok');
    // 20 Oct at 10:00 CEST; 27 Oct is an EXDATE; the lunch is transparent; the all-day OOO is not busy time.
    expect(result.busy.map((interval) => new Date(interval.start).toISOString())).toEqual(['2026-10-20T08:00:00.000Z']);
    expect(result.outOfOffice).toEqual([
      { start: Date.parse('2026-10-23T00:00:00Z'), end: Date.parse('2026-10-24T00:00:00Z') },
    ]);
  });

  it('finds the occurrence after the daylight-saving change an hour later in UTC', async () => {
    const result = await new IcsFeedCalendar().busy(
      { type: 'ics', url: `${server.url}/private.ics` },
      rep,
      from,
      new Date('2026-11-10T00:00:00Z'),
    );

    // 20 Oct (CEST, 08:00Z), 27 Oct excluded, 3 Nov (CET, 09:00Z).
    expect(result.busy.map((interval) => new Date(interval.start).toISOString())).toEqual([
      '2026-10-20T08:00:00.000Z',
      '2026-11-03T09:00:00.000Z',
    ]);
  });

  it('degrades to unknown with the error for a malformed feed, an HTTP error or a dead server; never throws', async () => {
    server.respondWith((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/calendar' });
      res.end('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:not-a-date\n');
    });
    const broken = await new IcsFeedCalendar().busy({ type: 'ics', url: `${server.url}/a.ics` }, rep, from, to);
    server.respondWith((_req, res) => json(res, 500, {}));
    const failing = await new IcsFeedCalendar().busy({ type: 'ics', url: `${server.url}/b.ics` }, rep, from, to);
    const dead = await new IcsFeedCalendar().busy({ type: 'ics', url: 'http://127.0.0.1:1/c.ics' }, rep, from, to);

    expect(broken).toMatchObject({
      status: 'unknown',
      busy: [],
      error: expect.stringContaining('feed not valid iCalendar'),
    });
    expect(failing).toMatchObject({ status: 'unknown', error: 'feed not readable: HTTP 500' });
    expect(dead).toMatchObject({ status: 'unknown', error: expect.stringContaining('feed not readable') });
  });
});

describe('Google and Microsoft calendars against stand-in APIs', () => {
  let store: TestStore;
  let api: Awaited<ReturnType<typeof startStandInServer>>;
  let connections: DynamoDbCalendarConnections;
  const cipher = new AesGcmTokenCipher({ current: async () => 'a-generated-token-key-secret-of-48-characters-xx' });
  const now = Date.parse('2026-11-25T10:00:00Z');
  const waits: number[] = [];
  beforeAll(async () => {
    store = await startTestStore();
    connections = new DynamoDbCalendarConnections(store.doc, store.tableName, cipher);
    api = await startStandInServer(() => undefined);
  });
  beforeEach(async () => {
    api.requests.length = 0;
    waits.length = 0;
    await connections.put({
      connectionId: 'c1',
      provider: 'google',
      accessToken: 'old-token',
      expiresAt: now - 1000,
      refreshToken: 'refresh-1',
    });
  });
  afterAll(async () => {
    await api.close();
    await store.close();
  });
  const client = () =>
    new OAuthHttpClient({
      tokenUrl: `${api.url}/token`,
      clientId: 'id',
      clientSecret: 'secret',
      connections,
      now: () => now,
      sleep: async (ms) => void waits.push(ms),
    });

  const storedItem = async (connectionId: string) =>
    JSON.stringify(
      (await store.allItems()).filter(
        (item) => (item.pk as { S?: string } | undefined)?.S === `CALENDAR-CONNECTION#${connectionId}`,
      ),
    );

  it('stores the tokens sealed: the item holds neither token in plain text, and reads them back', async () => {
    const stored = await storedItem('c1');

    expect(stored).toContain('"v1.');
    expect(stored).not.toContain('old-token');
    expect(stored).not.toContain('refresh-1');
    await expect(connections.get('c1')).resolves.toMatchObject({ accessToken: 'old-token', refreshToken: 'refresh-1' });
  });

  it('still reads a connection stored in plain text before sealing, and seals it at the refresh that writes it again', async () => {
    // Prepare: the item as the store wrote it before tokens were sealed.
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: {
          pk: 'CALENDAR-CONNECTION#legacy',
          sk: 'TOKENS',
          type: 'calendar-connection',
          connection: {
            connectionId: 'legacy',
            provider: 'google',
            accessToken: 'plain-access',
            expiresAt: now - 1000,
            refreshToken: 'plain-refresh',
          },
        },
      }),
    );
    api.respondWith((req, res) => {
      if (req.path === '/token') return json(res, 200, { access_token: 'fresh-access', expires_in: 3600 });
      json(res, 200, { calendars: { 'ana@acme.test': { busy: [] } } });
    });
    // Act
    const result = await new GoogleCalendar(client(), api.url).busy(
      { type: 'google', calendarId: 'ana@acme.test', connectionId: 'legacy' },
      rep,
      from,
      to,
    );
    // Assess
    expect(result.status).toBe('ok');
    expect(new URLSearchParams(api.requests[0]!.body).get('refresh_token')).toBe('plain-refresh');
    const stored = await storedItem('legacy');
    expect(stored).not.toContain('plain-refresh');
    expect(stored).not.toContain('fresh-access');
    await expect(connections.get('legacy')).resolves.toMatchObject({
      accessToken: 'fresh-access',
      refreshToken: 'plain-refresh',
    });
  });

  it('refreshes an expired token, then asks Google freeBusy with it', async () => {
    api.respondWith((req, res) => {
      if (req.path === '/token') return json(res, 200, { access_token: 'new-token', expires_in: 3600 });
      json(res, 200, {
        calendars: { 'ana@acme.test': { busy: [{ start: '2026-11-26T14:00:00Z', end: '2026-11-26T15:00:00Z' }] } },
      });
    });

    const result = await new GoogleCalendar(client(), api.url).busy(
      { type: 'google', calendarId: 'ana@acme.test', connectionId: 'c1' },
      rep,
      from,
      to,
    );

    expect(result).toEqual({
      busy: [{ start: Date.parse('2026-11-26T14:00:00Z'), end: Date.parse('2026-11-26T15:00:00Z') }],
      outOfOffice: [],
      status: 'ok',
    });
    expect(api.requests.map((r) => [r.method, r.path])).toEqual([
      ['POST', '/token'],
      ['POST', '/calendar/v3/freeBusy'],
    ]);
    expect(new URLSearchParams(api.requests[0]!.body).get('refresh_token')).toBe('refresh-1');
    expect(api.requests[1]!.headers.authorization).toBe('Bearer new-token');
    expect(JSON.parse(api.requests[1]!.body)).toEqual({
      timeMin: from.toISOString(),
      timeMax: to.toISOString(),
      items: [{ id: 'ana@acme.test' }],
    });
    expect((await connections.get('c1'))?.accessToken).toBe('new-token');
  });

  it('refreshes on a 401 from a token it thought valid, and retries 429 and 5xx honouring Retry-After', async () => {
    await connections.put({
      connectionId: 'c1',
      provider: 'google',
      accessToken: 'revoked',
      expiresAt: now + 3_600_000,
      refreshToken: 'refresh-1',
    });
    const answers = [401, 429, 503];
    api.respondWith((req, res) => {
      if (req.path === '/token') return json(res, 200, { access_token: 'fresh', expires_in: 3600 });
      const status = answers.shift();
      if (status === 429) return json(res, 429, {}, { 'retry-after': '2' });
      if (status) return json(res, status, {});
      json(res, 200, { calendars: { cal: { busy: [] } } });
    });

    const result = await new GoogleCalendar(client(), api.url).busy(
      { type: 'google', calendarId: 'cal', connectionId: 'c1' },
      rep,
      from,
      to,
    );

    expect(result.status).toBe('ok');
    expect(api.requests.map((r) => r.path)).toEqual([
      '/calendar/v3/freeBusy',
      '/token',
      '/calendar/v3/freeBusy',
      '/calendar/v3/freeBusy',
      '/calendar/v3/freeBusy',
    ]);
    expect(waits).toEqual([2000, 400]);
  });

  it('reports unknown when the refresh token is refused or the retries run out', async () => {
    api.respondWith((req, res) =>
      req.path === '/token' ? json(res, 400, { error: 'invalid_grant' }) : json(res, 200, {}),
    );
    const refused = await new GoogleCalendar(client(), api.url).busy(
      { type: 'google', calendarId: 'cal', connectionId: 'c1' },
      rep,
      from,
      to,
    );
    expect(refused).toMatchObject({ status: 'unknown', error: expect.stringContaining('reconnect') });

    await connections.put({
      connectionId: 'c1',
      provider: 'google',
      accessToken: 'ok',
      expiresAt: now + 3_600_000,
      refreshToken: 'r',
    });
    api.requests.length = 0;
    api.respondWith((_req, res) => json(res, 502, {}));
    const down = await new GoogleCalendar(client(), api.url).busy(
      { type: 'google', calendarId: 'cal', connectionId: 'c1' },
      rep,
      from,
      to,
    );
    expect(down).toMatchObject({ status: 'unknown', error: 'Google: calendar API answered 502' });
    expect(api.requests).toHaveLength(4);
  });

  it('reads Microsoft busy and out-of-office time from getSchedule, and creates the event', async () => {
    await connections.put({
      connectionId: 'c1',
      provider: 'microsoft',
      accessToken: 'graph-token',
      expiresAt: now + 3_600_000,
      refreshToken: 'r',
    });
    api.respondWith((req, res) => {
      if (req.path.endsWith('/getSchedule'))
        return json(res, 200, {
          value: [
            {
              scheduleId: 'ana@acme.test',
              scheduleItems: [
                {
                  status: 'busy',
                  start: { dateTime: '2026-11-26T14:00:00.0000000', timeZone: 'UTC' },
                  end: { dateTime: '2026-11-26T15:00:00.0000000', timeZone: 'UTC' },
                },
                {
                  status: 'oof',
                  start: { dateTime: '2026-11-27T00:00:00.0000000', timeZone: 'UTC' },
                  end: { dateTime: '2026-11-28T00:00:00.0000000', timeZone: 'UTC' },
                },
                {
                  status: 'free',
                  start: { dateTime: '2026-11-26T16:00:00.0000000', timeZone: 'UTC' },
                  end: { dateTime: '2026-11-26T17:00:00.0000000', timeZone: 'UTC' },
                },
              ],
            },
          ],
        });
      json(res, 201, { id: 'graph-event-1' });
    });
    const graph = new MicrosoftGraphCalendar(client(), api.url);
    const source = { type: 'microsoft' as const, userPrincipalName: 'ana@acme.test', connectionId: 'c1' };

    const busy = await graph.busy(source, rep, from, to);
    const created = await graph.createEvent(source, rep, {
      meetingId: 'M1',
      start: '2026-11-26T16:00:00.000Z',
      end: '2026-11-26T16:30:00.000Z',
      visitor: { name: 'V', email: 'v@x.test', timeZone: 'UTC' },
    } as never);

    expect(busy).toEqual({
      busy: [{ start: Date.parse('2026-11-26T14:00:00Z'), end: Date.parse('2026-11-26T15:00:00Z') }],
      outOfOffice: [{ start: Date.parse('2026-11-27T00:00:00Z'), end: Date.parse('2026-11-28T00:00:00Z') }],
      status: 'ok',
    });
    expect(created).toEqual({ eventId: 'graph-event-1', videoUrl: null });
    expect(api.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
      ['POST', '/v1.0/users/ana%40acme.test/calendar/getSchedule', 'Bearer graph-token'],
      ['POST', '/v1.0/users/ana%40acme.test/events', 'Bearer graph-token'],
    ]);
    expect(JSON.parse(api.requests[1]!.body)).toMatchObject({
      start: { dateTime: '2026-11-26T16:00:00', timeZone: 'UTC' },
      attendees: [{ emailAddress: { address: 'v@x.test' } }],
    });
  });

  it('asks Google for a Meet room and Microsoft for a Teams meeting when the meeting is a calendar video call, and returns their links', async () => {
    for (const provider of ['google', 'microsoft'] as const)
      await connections.put({
        connectionId: `video-${provider}`,
        provider,
        accessToken: `${provider}-token`,
        expiresAt: now + 3_600_000,
        refreshToken: 'r',
      });
    api.requests.length = 0;
    api.respondWith((req, res) =>
      req.path.startsWith('/calendar/v3')
        ? json(res, 200, { id: 'g-1', hangoutLink: 'https://meet.google.com/abc-defg-hij' })
        : json(res, 201, { id: 'm-1', onlineMeeting: { joinUrl: 'https://teams.microsoft.com/l/meetup-join/xyz' } }),
    );
    const meeting = {
      meetingId: 'M2',
      start: '2026-11-26T16:00:00.000Z',
      end: '2026-11-26T16:30:00.000Z',
      visitor: { name: 'V', email: 'v@x.test', timeZone: 'UTC' },
    } as never;

    const google = await new GoogleCalendar(client(), api.url).createEvent(
      { type: 'google', calendarId: 'cal', connectionId: 'video-google' },
      rep,
      meeting,
      { video: true },
    );
    const teams = await new MicrosoftGraphCalendar(client(), api.url).createEvent(
      { type: 'microsoft', userPrincipalName: 'ana@acme.test', connectionId: 'video-microsoft' },
      rep,
      meeting,
      { video: true },
    );

    expect(google).toEqual({ eventId: 'g-1', videoUrl: 'https://meet.google.com/abc-defg-hij' });
    expect(teams).toEqual({ eventId: 'm-1', videoUrl: 'https://teams.microsoft.com/l/meetup-join/xyz' });
    expect(api.requests[0]!.path).toContain('conferenceDataVersion=1');
    expect(JSON.parse(api.requests[0]!.body)).toMatchObject({
      conferenceData: { createRequest: { requestId: 'M2', conferenceSolutionKey: { type: 'hangoutsMeet' } } },
    });
    expect(JSON.parse(api.requests[1]!.body)).toMatchObject({
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
    });
  });
});
