import type { RulebookChange } from '../../functions/core/rulebook/describe-rulebook-changes.js';
import type { RulebookContent } from '../../functions/core/rulebook/rulebook.js';

export type { RulebookContent, RulebookChange };
export type { Changes, Draft, Simulation } from './wire.js';
export type Rule = RulebookContent['rules'][number];

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
