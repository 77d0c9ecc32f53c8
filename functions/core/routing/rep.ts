import { z } from 'zod';

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM, 24-hour');
const Interval = z.tuple([Time, Time]).refine(([start, end]) => start < end, 'start must be before end');
const DayHours = z.array(Interval).max(6);

export const WorkingHours = z
  .object({ mon: DayHours, tue: DayHours, wed: DayHours, thu: DayHours, fri: DayHours, sat: DayHours, sun: DayHours })
  .strict();
export type WorkingHours = z.infer<typeof WorkingHours>;

export const OutOfOffice = z
  .object({ start: z.string().datetime({ offset: true }), end: z.string().datetime({ offset: true }), reason: z.string().max(200).optional() })
  .strict()
  .refine((ooo) => Date.parse(ooo.start) < Date.parse(ooo.end), 'start must be before end');
export type OutOfOffice = z.infer<typeof OutOfOffice>;

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const Rep = z
  .object({
    repId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
    name: z.string().min(1).max(120),
    email: z.string().email(),
    title: z.string().max(120).optional(),
    photoUrl: z.string().url().optional(),
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Lisbon'),
    workingHours: WorkingHours,
    outOfOffice: z.array(OutOfOffice).max(100).default([]),
    active: z.boolean().default(true),
  })
  .strict();
export type Rep = z.infer<typeof Rep>;

export const weekdays = (hours: Array<[string, string]>, weekend: Array<[string, string]> = []): WorkingHours => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: weekend,
  sun: weekend,
});

/** The out-of-office period covering `now`, if any. */
export function outOfOfficeAt(rep: Pick<Rep, 'outOfOffice'>, now: Date): OutOfOffice | undefined {
  const t = now.getTime();
  return rep.outOfOffice.find((ooo) => Date.parse(ooo.start) <= t && t < Date.parse(ooo.end));
}
