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
  | 'more';
export type WidgetTexts = Record<TextKey, string>;

const TEXTS: Record<'en' | 'es' | 'pt', WidgetTexts> = {
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
  },
};

export function textsFor(language: string): WidgetTexts {
  const base = language.toLowerCase().split('-')[0] as keyof typeof TEXTS;
  return TEXTS[base] ?? TEXTS.en;
}
