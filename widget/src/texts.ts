/** The widget's own interface texts; conversation texts come from the playbook in the visitor's language. */
type TextKey =
  | 'open'
  | 'close'
  | 'title'
  | 'input'
  | 'send'
  | 'sending'
  | 'failed'
  | 'log'
  | 'accept'
  | 'times'
  | 'noTimes'
  | 'name'
  | 'email'
  | 'book'
  | 'booked'
  | 'manage'
  | 'taken'
  | 'more'
  | 'timesIn';
export type WidgetTexts = Record<TextKey, string>;

const TEXTS: Record<'en' | 'es' | 'pt' | 'de', WidgetTexts> = {
  en: {
    open: 'Chat with us',
    close: 'Close chat',
    title: 'Chat',
    input: 'Your message',
    send: 'Send',
    sending: 'Sending…',
    failed: 'Your message could not be sent. Please try again.',
    log: 'Conversation',
    accept: 'Accept and start chatting',
    times: 'Available times',
    noTimes: 'No open times in the next two weeks; we will email you.',
    name: 'Your name',
    email: 'Your email',
    book: 'Book this time',
    booked: 'Booked: {when} with {rep}. A calendar invitation is on its way.',
    manage: 'Reschedule or cancel',
    taken: 'That time was just taken. Here are the open times now:',
    more: 'More times',
    timesIn: 'Times in {zone} · {minutes} min',
  },
  es: {
    open: 'Chatea con nosotros',
    close: 'Cerrar chat',
    title: 'Chat',
    input: 'Tu mensaje',
    send: 'Enviar',
    sending: 'Enviando…',
    failed: 'No se pudo enviar tu mensaje. Inténtalo de nuevo.',
    log: 'Conversación',
    accept: 'Aceptar y empezar',
    times: 'Horarios disponibles',
    noTimes: 'No hay horarios en las próximas dos semanas; te escribiremos.',
    name: 'Tu nombre',
    email: 'Tu correo',
    book: 'Reservar este horario',
    booked: 'Reservado: {when} con {rep}. Te llega una invitación de calendario.',
    manage: 'Cambiar o cancelar',
    taken: 'Ese horario se acaba de ocupar. Estos son los disponibles:',
    more: 'Más horarios',
    timesIn: 'Horarios en {zone} · {minutes} min',
  },
  pt: {
    open: 'Fale conosco',
    close: 'Fechar chat',
    title: 'Chat',
    input: 'Sua mensagem',
    send: 'Enviar',
    sending: 'Enviando…',
    failed: 'Não foi possível enviar sua mensagem. Tente novamente.',
    log: 'Conversa',
    accept: 'Aceitar e começar',
    times: 'Horários disponíveis',
    noTimes: 'Sem horários nas próximas duas semanas; enviaremos um e-mail.',
    name: 'Seu nome',
    email: 'Seu e-mail',
    book: 'Reservar este horário',
    booked: 'Reservado: {when} com {rep}. O convite da agenda está a caminho.',
    manage: 'Remarcar ou cancelar',
    taken: 'Esse horário acabou de ser ocupado. Estes estão livres:',
    more: 'Mais horários',
    timesIn: 'Horários em {zone} · {minutes} min',
  },
  de: {
    open: 'Chatten Sie mit uns',
    close: 'Chat schließen',
    title: 'Chat',
    input: 'Ihre Nachricht',
    send: 'Senden',
    sending: 'Wird gesendet…',
    failed: 'Ihre Nachricht konnte nicht gesendet werden. Bitte versuchen Sie es erneut.',
    log: 'Unterhaltung',
    accept: 'Zustimmen und Chat starten',
    times: 'Freie Termine',
    noTimes: 'In den nächsten zwei Wochen ist nichts frei; wir schreiben Ihnen per E-Mail.',
    name: 'Ihr Name',
    email: 'Ihre E-Mail-Adresse',
    book: 'Diesen Termin buchen',
    booked: 'Gebucht: {when} mit {rep}. Die Kalendereinladung ist unterwegs.',
    manage: 'Verschieben oder absagen',
    taken: 'Dieser Termin wurde gerade vergeben. Diese sind jetzt frei:',
    more: 'Weitere Termine',
    timesIn: 'Zeiten in {zone} · {minutes} Min.',
  },
};

export function textsFor(language: string): WidgetTexts {
  const base = language.toLowerCase().split('-')[0] as keyof typeof TEXTS;
  return TEXTS[base] ?? TEXTS.en;
}
