import type { ServerResponse } from 'node:http';
import { json, startStandInServer, type RecordedRequest } from './stand-in-server.js';

/**
 * A HubSpot stand-in with the endpoints the sync uses: batch upserts keyed by an id property and
 * default associations. It keeps the objects, so a test can count duplicates.
 */
export async function startHubSpotStandIn(token: string) {
  const objects = new Map<string, Map<string, { id: string; properties: Record<string, string> }>>();
  const associations = new Set<string>();
  /** Every GDPR delete asked for, by the email it named. */
  const gdprDeleted: string[] = [];
  let nextId = 1000;
  let refuse = 0;
  const server = await startStandInServer((req: RecordedRequest, res: ServerResponse) => void answer(req, res));
  const answer = (req: RecordedRequest, res: ServerResponse) => {
    if (req.headers.authorization !== `Bearer ${token}`) return json(res, 401, { message: 'bad token' });
    if (refuse > 0) {
      refuse--;
      return json(res, 503, { message: 'down' }, { 'retry-after': '1' });
    }
    const upsert = /^\/crm\/v3\/objects\/(contacts|companies|meetings|notes)\/batch\/upsert$/.exec(req.path);
    if (req.method === 'POST' && upsert) {
      const type = upsert[1]!;
      const body = JSON.parse(req.body) as {
        inputs: Array<{ idProperty: string; id: string; properties: Record<string, string> }>;
      };
      const store = objects.get(type) ?? new Map();
      objects.set(type, store);
      const results = body.inputs.map((input) => {
        const existing = store.get(input.id);
        const record = {
          id: existing?.id ?? String(nextId++),
          properties: { ...(existing?.properties ?? {}), ...input.properties },
        };
        store.set(input.id, record);
        return {
          id: record.id,
          properties: record.properties,
          createdAt: '2026-11-25T00:00:00Z',
          updatedAt: '2026-11-25T00:00:00Z',
          archived: false,
          new: !existing,
        };
      });
      return json(res, 200, {
        status: 'COMPLETE',
        results,
        startedAt: '2026-11-25T00:00:00Z',
        completedAt: '2026-11-25T00:00:01Z',
      });
    }
    if (req.method === 'POST' && req.path === '/crm/v3/objects/contacts/gdpr-delete') {
      const { objectId, idProperty } = JSON.parse(req.body) as { objectId: string; idProperty?: string };
      gdprDeleted.push(objectId);
      const contacts = objects.get('contacts');
      const known = idProperty === 'email' && contacts?.delete(objectId);
      if (!known) return json(res, 404, { message: 'contact not found' });
      res.writeHead(204);
      return res.end();
    }
    const associate = /^\/crm\/v4\/objects\/(\w+)\/(\d+)\/associations\/default\/(\w+)\/(\d+)$/.exec(req.path);
    if (req.method === 'PUT' && associate) {
      associations.add(`${associate[1]}:${associate[2]}->${associate[3]}:${associate[4]}`);
      return json(res, 200, {
        status: 'COMPLETE',
        results: [],
        startedAt: '2026-11-25T00:00:00Z',
        completedAt: '2026-11-25T00:00:01Z',
      });
    }
    json(res, 404, { message: `no route ${req.method} ${req.path}` });
  };
  return {
    ...server,
    objects,
    associations,
    gdprDeleted,
    /** Answer 503 to the next `count` requests: an outage. */
    refuseNext: (count: number) => {
      refuse = count;
    },
  };
}

/** A Salesforce REST stand-in: upserts by external id, and SOQL lookups of Leads by Baton's visitor id. */
export async function startSalesforceStandIn(token: string) {
  const records = new Map<string, Map<string, Record<string, unknown>>>();
  /** Every delete asked for, as `type/field/value`. */
  const deleted: string[] = [];
  let nextId = 1;
  const server = await startStandInServer((req, res) => void answer(req, res));
  const answer = (req: RecordedRequest, res: ServerResponse) => {
    if (req.headers.authorization !== `Bearer ${token}`)
      return json(res, 401, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]);
    const upsert = /^\/services\/data\/v59\.0\/sobjects\/(\w+)\/(\w+)\/([^/?]+)$/.exec(req.path);
    if (req.method === 'PATCH' && upsert) {
      const [, type, , value] = upsert;
      const store = records.get(type!) ?? new Map();
      records.set(type!, store);
      const existing = store.get(decodeURIComponent(value!));
      const id = (existing?.Id as string) ?? `00Q${String(nextId++).padStart(15, '0')}`;
      store.set(decodeURIComponent(value!), { ...(existing ?? {}), ...JSON.parse(req.body), Id: id });
      if (existing) {
        res.writeHead(204);
        return res.end();
      }
      return json(res, 201, { id, success: true, errors: [], created: true });
    }
    if (req.method === 'DELETE' && upsert) {
      const [, type, field, value] = upsert;
      deleted.push(`${type}/${field}/${decodeURIComponent(value!)}`);
      if (!records.get(type!)?.delete(decodeURIComponent(value!)))
        return json(res, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
      res.writeHead(204);
      return res.end();
    }
    if (req.method === 'GET' && req.path.startsWith('/services/data/v59.0/query')) {
      const soql = new URL(req.path, 'http://x').searchParams.get('q') ?? '';
      const visitorId = /Baton_Visitor_Id__c = '([^']+)'/.exec(soql)?.[1];
      const lead = visitorId ? records.get('Lead')?.get(visitorId) : undefined;
      return json(res, 200, {
        totalSize: lead ? 1 : 0,
        done: true,
        records: lead ? [{ attributes: { type: 'Lead' }, Id: lead.Id }] : [],
      });
    }
    json(res, 404, [{ errorCode: 'NOT_FOUND', message: `no route ${req.method} ${req.path}` }]);
  };
  return { ...server, records, deleted };
}

/** A receiver of Baton's signed event webhook: answers 200, or 503 to the next `refuseNext` deliveries. */
export async function startWebhookStandIn() {
  let refuse = 0;
  const server = await startStandInServer((_req, res) => {
    if (refuse > 0) {
      refuse--;
      return json(res, 503, {});
    }
    json(res, 200, { ok: true });
  });
  return {
    ...server,
    refuseNext: (count: number) => {
      refuse = count;
    },
  };
}
