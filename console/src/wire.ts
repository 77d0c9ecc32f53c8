import type { z } from '@hono/zod-openapi';
import type { Inbox, LiveChatView, RepPresenceView } from '../../functions/http/schemas/live-chat-schemas.js';
import type {
  ChangesSchema,
  DraftSchema,
  SimulationJobSchema,
  VersionsSchema,
} from '../../functions/http/schemas/rulebook-schemas.js';

/*
 * What the API answers, as the console reads it: types derived from the server's zod schemas (type-only
 * imports, nothing of the server reaches the bundle), so a changed answer fails `tsc` here instead of a
 * page at run time.
 */
export type InboxView = z.output<typeof Inbox>;
export type InboxItem = InboxView['waiting'][number];
export type ChatView = z.output<typeof LiveChatView>;
export type RepPresence = z.output<typeof RepPresenceView>;
export type Draft = z.output<typeof DraftSchema>;
export type Changes = z.output<typeof ChangesSchema>;
export type SimulationJob = z.output<typeof SimulationJobSchema>;
export type Simulation = NonNullable<SimulationJob['result']>;
export type Versions = z.output<typeof VersionsSchema>;
