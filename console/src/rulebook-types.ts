import type { RulebookChange } from '../../functions/core/rulebook/describe-rulebook-changes.js';
import type { RulebookContent } from '../../functions/core/rulebook/rulebook.js';

export type { RulebookContent, RulebookChange };
export type { Changes, Draft } from './wire.js';
export type Rule = RulebookContent['rules'][number];

export interface Simulation {
  days: number;
  visitors: number;
  truncated: boolean;
  liveVersion: number;
  draftRevision: number;
  mql: { live: number; draft: number; change: number };
  ruleHits: Array<{ key: string; live: number; draft: number; change: number }>;
  repLoad: Array<{ key: string; live: number; draft: number; change: number }>;
  outcomes: Array<{ key: string; live: number; draft: number; change: number }>;
  changed: Array<{ visitorId: string; live: SimulatedVisitor; draft: SimulatedVisitor }>;
}

export interface SimulatedVisitor {
  stage: string;
  qualifies: boolean;
  ruleId: string | null;
  route: string;
}

/**
 * The fields routing conditions read; mirrors ROUTING_FIELDS in functions/core/routing/condition.ts
 * (a test holds the two equal) without bundling zod into the console.
 */
export const ROUTING_FIELD_TYPES: Record<string, 'number' | 'string' | 'boolean' | 'list'> = {
  score: 'number',
  stage: 'string',
  qualifies: 'boolean',
  'company.employees': 'number',
  'company.industry': 'string',
  'company.industryTier': 'string',
  'company.domain': 'string',
  'geo.country': 'string',
  'geo.region': 'string',
  'geo.timeZone': 'string',
  'geo.source': 'string',
  'account.tier': 'string',
  'account.owner': 'string',
  'account.domain': 'string',
  'visitor.emailKind': 'string',
  'visitor.jobLevel': 'string',
  'visitor.visits': 'number',
  'visitor.behaviours': 'list',
  'visitor.language': 'string',
  'page.url': 'string',
  'page.path': 'string',
  'utm.source': 'string',
  'utm.medium': 'string',
  'utm.campaign': 'string',
  'time.visitorHour': 'number',
  'time.visitorWeekday': 'number',
  'time.businessHours': 'boolean',
};
