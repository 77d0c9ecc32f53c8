import { element } from './dom.js';
import type { WidgetTexts } from './texts.js';

export interface PickerSlot {
  start: string;
  /** The start in the visitor's zone with its offset: its first ten characters are the visitor's date. */
  localStart: string;
}

export interface DayPickerOptions<S extends PickerSlot> {
  language: string;
  timeZone: string;
  durationMinutes: number;
  texts: WidgetTexts;
  onPick: (slot: S, label: string) => void;
}

/**
 * Open times grouped by the visitor's day: a row of days (every open day of the window, so a visitor
 * never scrolls through a week of times) and the chosen day's times. Used by the chat and the manage page.
 */
export function dayPicker<S extends PickerSlot>(slots: readonly S[], options: DayPickerOptions<S>): HTMLElement {
  const { language, timeZone, texts } = options;
  const format = (iso: string, style: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(language, { ...style, timeZone }).format(new Date(iso));
  const byDay = new Map<string, S[]>();
  for (const slot of slots) {
    const day = slot.localStart.slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), slot]);
  }
  const picker = element('div', { className: 'slots', role: 'group', 'aria-label': texts.times });
  // A Los Angeles visitor seeing "01:00" knows it is their own time, and how long the call is.
  picker.append(
    element(
      'p',
      { className: 'zone' },
      texts.timesIn
        .replace('{zone}', timeZone.replaceAll('_', ' '))
        .replace('{minutes}', String(options.durationMinutes)),
    ),
  );
  const days = element('div', { className: 'days', role: 'group', 'aria-label': texts.days });
  const times = element('div', { className: 'times', role: 'group' });
  const show = (day: string, button: HTMLButtonElement) => {
    for (const other of days.querySelectorAll('button')) other.setAttribute('aria-pressed', 'false');
    button.setAttribute('aria-pressed', 'true');
    const daySlots = byDay.get(day) ?? [];
    times.setAttribute('aria-label', format(daySlots[0]!.start, { weekday: 'long', day: 'numeric', month: 'long' }));
    times.replaceChildren(
      ...daySlots.map((slot) => {
        const time = element(
          'button',
          { className: 'choice slot', type: 'button' },
          format(slot.start, { hour: '2-digit', minute: '2-digit' }),
        );
        const label = format(slot.start, {
          weekday: 'short',
          day: 'numeric',
          month: 'short',
          hour: '2-digit',
          minute: '2-digit',
        });
        time.addEventListener('click', () => options.onPick(slot, label));
        return time;
      }),
    );
  };
  for (const [day, daySlots] of byDay) {
    const first = daySlots[0]!.start;
    const button = element('button', { className: 'choice day', type: 'button', 'aria-pressed': 'false' });
    button.append(
      element('span', {}, format(first, { weekday: 'short' })),
      element('strong', {}, format(first, { day: 'numeric', month: 'short' })),
    );
    button.addEventListener('click', () => show(day, button));
    days.append(button);
  }
  picker.append(days, times);
  const first = byDay.keys().next();
  if (!first.done) show(first.value, days.querySelector('button')!);
  return picker;
}
