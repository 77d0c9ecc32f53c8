import type { RulebookContent } from '../rulebook/rulebook.js';
import { industryTier } from '../scoring/score-visitor.js';
import { factsOf } from '../visitors/rescore-visitor.js';
import type { VisitorProfile } from '../visitors/visitor-profile.js';
import type { RoutingFacts } from './condition.js';

const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

// Building a formatter costs tens of microseconds; one per zone is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string) => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

type LocalTime = { hour: number; weekday: number; hhmm: string };

// Formatting a date in a zone costs microseconds; within one minute the answer is the same, so the last one per zone is kept.
const lastLocalTime = new Map<string, { minute: number; time: LocalTime }>();

/** Hour (0–23), weekday (1 = Monday) and "HH:MM" of an instant in a time zone. */
export function localTime(now: Date, timeZone: string): LocalTime {
  const minute = Math.floor(now.getTime() / 60_000);
  const last = lastLocalTime.get(timeZone);
  if (last?.minute === minute) return last.time;
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  const time = {
    hour: Number(parts.hour),
    weekday: WEEKDAY[parts.weekday ?? 'Mon'] ?? 1,
    hhmm: `${parts.hour}:${parts.minute}`,
  };
  lastLocalTime.set(timeZone, { minute, time });
  return time;
}

/** Everything a routing rule may look at, from the scored profile, the conversation and the clock. */
export function routingFactsOf(
  profile: VisitorProfile,
  rulebook: RulebookContent,
  now: Date,
  context: { language: string; answers: Record<string, string> },
): RoutingFacts {
  const facts = factsOf(profile);
  const page = profile.pageViews.at(-1);
  const visitorZone = profile.geo.timeZone ?? rulebook.businessHours.timeZone;
  const visitorTime = localTime(now, visitorZone);
  const teamTime = localTime(now, rulebook.businessHours.timeZone);
  const businessHours =
    rulebook.businessHours.days.includes(teamTime.weekday) &&
    teamTime.hhmm >= rulebook.businessHours.start &&
    teamTime.hhmm < rulebook.businessHours.end;
  const firm = profile.account ?? profile.company;
  return {
    score: profile.score?.total ?? 0,
    stage: profile.stage,
    qualifies: profile.score?.qualifies ?? false,
    'company.employees': facts.employees,
    'company.industry': facts.industry,
    'company.industryTier': industryTier(rulebook.scoring, facts.industry),
    'company.domain': firm?.domain ?? null,
    'geo.country': facts.country,
    'geo.region': profile.geo.region ?? firm?.region ?? null,
    'geo.timeZone': profile.geo.timeZone,
    'geo.source': profile.geo.source,
    'account.tier': profile.account?.tier ?? null,
    'account.owner': profile.account?.ownerRepId ?? null,
    'account.domain': profile.account?.domain ?? null,
    'visitor.emailKind': profile.emailKind,
    'visitor.jobLevel': facts.jobLevel,
    'visitor.visits': profile.visits,
    'visitor.behaviours': facts.behaviours,
    'visitor.language': context.language,
    'page.url': page?.url ?? null,
    'page.path': page?.path ?? null,
    'utm.source': profile.firstTouch.source ?? null,
    'utm.medium': profile.firstTouch.medium ?? null,
    'utm.campaign': profile.firstTouch.campaign ?? null,
    'time.visitorHour': visitorTime.hour,
    'time.visitorWeekday': visitorTime.weekday,
    'time.businessHours': businessHours,
    answers: answersOf(profile, context.answers),
  };
}

/** The profile's answers as text, then the conversation's over them. */
function answersOf(profile: VisitorProfile, given: Record<string, string>): Record<string, string> {
  const answers: Record<string, string> = {};
  // A profile's answers have the keys of its schema only; a conversation's may be any text ("__proto__"
  // too), so they are spread, which defines each key, rather than assigned.
  for (const key of Object.keys(profile.answers) as Array<keyof VisitorProfile['answers']>)
    answers[key] = String(profile.answers[key]);
  // The conversation's answers over the profile's, when it has any.
  for (const _ in given) return { ...answers, ...given };
  return answers;
}
