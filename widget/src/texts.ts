/** The widget's own interface texts; conversation texts come from the playbook in the visitor's language. */
type TextKey = 'open' | 'close' | 'title' | 'input' | 'send' | 'sending' | 'failed' | 'log';
export type WidgetTexts = Record<TextKey, string>;

const TEXTS: Record<'en' | 'es' | 'pt', WidgetTexts> = {
  en: { open: 'Chat with us', close: 'Close chat', title: 'Chat', input: 'Your message', send: 'Send', sending: 'Sending…', failed: 'Your message could not be sent. Please try again.', log: 'Conversation' },
  es: { open: 'Chatea con nosotros', close: 'Cerrar chat', title: 'Chat', input: 'Tu mensaje', send: 'Enviar', sending: 'Enviando…', failed: 'No se pudo enviar tu mensaje. Inténtalo de nuevo.', log: 'Conversación' },
  pt: { open: 'Fale conosco', close: 'Fechar chat', title: 'Chat', input: 'Sua mensagem', send: 'Enviar', sending: 'Enviando…', failed: 'Não foi possível enviar sua mensagem. Tente novamente.', log: 'Conversa' },
};

export function textsFor(language: string): WidgetTexts {
  const base = language.toLowerCase().split('-')[0] as keyof typeof TEXTS;
  return TEXTS[base] ?? TEXTS.en;
}
