/** The widget's own interface texts; conversation texts come from the playbook in the visitor's language. */
type TextKey =
  | 'close'
  | 'title'
  | 'input'
  | 'send'
  | 'sending'
  | 'failed'
  | 'log'
  | 'accept'
  | 'refuse'
  | 'refused'
  | 'times'
  | 'noTimes'
  | 'name'
  | 'email'
  | 'book'
  | 'booked'
  | 'manage'
  | 'taken'
  | 'timesIn'
  | 'days'
  | 'heading'
  | 'cancel'
  | 'cancelAsk'
  | 'reason'
  | 'keep'
  | 'confirmCancel'
  | 'canceled'
  | 'move'
  | 'moved'
  | 'bookAgain'
  | 'rebooked'
  | 'withRep'
  | 'takenHere'
  | 'linkInvalid';
export type WidgetTexts = Record<TextKey, string>;

const TEXTS: Record<'en' | 'es' | 'pt' | 'de', WidgetTexts> = {
  en: {
    close: 'Close chat',
    title: 'Chat',
    input: 'Your message',
    send: 'Send',
    sending: 'Sending…',
    failed: 'Your message could not be sent. Please try again.',
    log: 'Conversation',
    accept: 'Accept and start chatting',
    refuse: 'No thanks',
    refused: 'Nothing about your visit is recorded. You can open the chat again to accept.',
    times: 'Available times',
    noTimes: 'No open times in the next two weeks; we will email you.',
    name: 'Your name',
    email: 'Your email',
    book: 'Book this time',
    booked: 'Booked: {when} with {rep}. A calendar invitation is on its way.',
    manage: 'Reschedule or cancel',
    taken: 'That time was just taken. Here are the open times now:',
    timesIn: 'Times in {zone} · {minutes} min',
    days: 'Days',
    heading: 'Your meeting',
    cancel: 'Cancel the meeting',
    cancelAsk: 'Cancel this meeting? {rep} is told, and the time is freed.',
    reason: 'Reason (optional)',
    keep: 'Keep the meeting',
    confirmCancel: 'Yes, cancel it',
    canceled: 'The meeting is canceled. A cancellation is on its way to your calendar.',
    move: 'Move it to another time',
    moved: 'Moved. An updated invitation is on its way.',
    bookAgain: 'Book a new time',
    rebooked: 'Booked again. A new invitation is on its way.',
    withRep: 'with {rep}',
    takenHere: 'That time was just taken. Please pick another.',
    linkInvalid: 'This link no longer opens the meeting. Please use the link in your latest mail.',
  },
  es: {
    close: 'Cerrar chat',
    title: 'Chat',
    input: 'Tu mensaje',
    send: 'Enviar',
    sending: 'Enviando…',
    failed: 'No se pudo enviar tu mensaje. Inténtalo de nuevo.',
    log: 'Conversación',
    accept: 'Aceptar y empezar',
    refuse: 'No, gracias',
    refused: 'No se registra nada de tu visita. Puedes abrir el chat de nuevo para aceptar.',
    times: 'Horarios disponibles',
    noTimes: 'No hay horarios en las próximas dos semanas; te escribiremos.',
    name: 'Tu nombre',
    email: 'Tu correo',
    book: 'Reservar este horario',
    booked: 'Reservado: {when} con {rep}. Te llega una invitación de calendario.',
    manage: 'Cambiar o cancelar',
    taken: 'Ese horario se acaba de ocupar. Estos son los disponibles:',
    timesIn: 'Horarios en {zone} · {minutes} min',
    days: 'Días',
    heading: 'Tu reunión',
    cancel: 'Cancelar la reunión',
    cancelAsk: '¿Cancelar esta reunión? Avisaremos a {rep} y el horario quedará libre.',
    reason: 'Motivo (opcional)',
    keep: 'Mantener la reunión',
    confirmCancel: 'Sí, cancelarla',
    canceled: 'La reunión está cancelada. La cancelación llega a tu calendario.',
    move: 'Cambiarla a otro horario',
    moved: 'Cambiada. Te llega una invitación actualizada.',
    bookAgain: 'Reservar otro horario',
    rebooked: 'Reservada de nuevo. Te llega una nueva invitación.',
    withRep: 'con {rep}',
    takenHere: 'Ese horario se acaba de ocupar. Elige otro, por favor.',
    linkInvalid: 'Este enlace ya no abre la reunión. Usa el enlace de tu último correo.',
  },
  pt: {
    close: 'Fechar chat',
    title: 'Chat',
    input: 'Sua mensagem',
    send: 'Enviar',
    sending: 'Enviando…',
    failed: 'Não foi possível enviar sua mensagem. Tente novamente.',
    log: 'Conversa',
    accept: 'Aceitar e começar',
    refuse: 'Não, obrigado',
    refused: 'Nada da sua visita é registrado. Você pode abrir o chat de novo para aceitar.',
    times: 'Horários disponíveis',
    noTimes: 'Sem horários nas próximas duas semanas; enviaremos um e-mail.',
    name: 'Seu nome',
    email: 'Seu e-mail',
    book: 'Reservar este horário',
    booked: 'Reservado: {when} com {rep}. O convite da agenda está a caminho.',
    manage: 'Remarcar ou cancelar',
    taken: 'Esse horário acabou de ser ocupado. Estes estão livres:',
    timesIn: 'Horários em {zone} · {minutes} min',
    days: 'Dias',
    heading: 'Sua reunião',
    cancel: 'Cancelar a reunião',
    cancelAsk: 'Cancelar esta reunião? {rep} será avisado e o horário fica livre.',
    reason: 'Motivo (opcional)',
    keep: 'Manter a reunião',
    confirmCancel: 'Sim, cancelar',
    canceled: 'A reunião foi cancelada. O cancelamento está a caminho da sua agenda.',
    move: 'Mudar para outro horário',
    moved: 'Remarcada. Um convite atualizado está a caminho.',
    bookAgain: 'Reservar outro horário',
    rebooked: 'Reservada de novo. Um novo convite está a caminho.',
    withRep: 'com {rep}',
    takenHere: 'Esse horário acabou de ser ocupado. Escolha outro, por favor.',
    linkInvalid: 'Este link não abre mais a reunião. Use o link do seu e-mail mais recente.',
  },
  de: {
    close: 'Chat schließen',
    title: 'Chat',
    input: 'Ihre Nachricht',
    send: 'Senden',
    sending: 'Wird gesendet…',
    failed: 'Ihre Nachricht konnte nicht gesendet werden. Bitte versuchen Sie es erneut.',
    log: 'Unterhaltung',
    accept: 'Zustimmen und Chat starten',
    refuse: 'Nein, danke',
    refused: 'Von Ihrem Besuch wird nichts aufgezeichnet. Öffnen Sie den Chat erneut, um zuzustimmen.',
    times: 'Freie Termine',
    noTimes: 'In den nächsten zwei Wochen ist nichts frei; wir schreiben Ihnen per E-Mail.',
    name: 'Ihr Name',
    email: 'Ihre E-Mail-Adresse',
    book: 'Diesen Termin buchen',
    booked: 'Gebucht: {when} mit {rep}. Die Kalendereinladung ist unterwegs.',
    manage: 'Verschieben oder absagen',
    taken: 'Dieser Termin wurde gerade vergeben. Diese sind jetzt frei:',
    timesIn: 'Zeiten in {zone} · {minutes} Min.',
    days: 'Tage',
    heading: 'Ihr Termin',
    cancel: 'Termin absagen',
    cancelAsk: 'Diesen Termin absagen? {rep} wird informiert und die Zeit wieder frei.',
    reason: 'Grund (optional)',
    keep: 'Termin behalten',
    confirmCancel: 'Ja, absagen',
    canceled: 'Der Termin ist abgesagt. Die Absage ist unterwegs in Ihren Kalender.',
    move: 'Auf eine andere Zeit verschieben',
    moved: 'Verschoben. Eine aktualisierte Einladung ist unterwegs.',
    bookAgain: 'Neuen Termin buchen',
    rebooked: 'Wieder gebucht. Eine neue Einladung ist unterwegs.',
    withRep: 'mit {rep}',
    takenHere: 'Dieser Termin wurde gerade vergeben. Bitte wählen Sie einen anderen.',
    linkInvalid: 'Dieser Link öffnet den Termin nicht mehr. Bitte nutzen Sie den Link aus Ihrer neuesten E-Mail.',
  },
};

/** The launcher's only text, apart so the script every host page loads carries none of the others. */
const OPEN: Record<keyof typeof TEXTS, string> = {
  en: 'Chat with us',
  es: 'Chatea con nosotros',
  pt: 'Fale conosco',
  de: 'Chatten Sie mit uns',
};

type Language = keyof typeof TEXTS;

/** Every language the widget, its manage page and its mails speak. */
export const WIDGET_LANGUAGES = Object.keys(TEXTS) as Language[];

/** The language the widget speaks to a browser's language: its own, or English. */
export const languageOf = (language: string): Language => {
  const base = language.toLowerCase().split('-')[0] as Language;
  return base in TEXTS ? base : 'en';
};

export const openLabel = (language: string): string => OPEN[languageOf(language)];

export function textsFor(language: string): WidgetTexts {
  return TEXTS[languageOf(language)];
}
