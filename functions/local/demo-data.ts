import type { Site } from '../core/conversation/site.js';
import type { Dependencies } from '../app/dependencies.js';
import { validateAccountRows } from '../core/enrichment/account.js';
import { defaultRulebook } from '../core/rulebook/rulebook.js';
import { weekdays, type Rep } from '../core/routing/rep.js';
import { defaultMeetingType } from '../core/scheduling/meeting-type.js';

export const demoReps: Rep[] = [
  { repId: 'rep-ana', name: 'Ana Souza', email: 'ana@acme-analytics.example', title: 'Account Executive', timeZone: 'America/New_York', workingHours: weekdays([['09:00', '12:00'], ['13:00', '17:00']]), outOfOffice: [], calendars: [], active: true },
  { repId: 'rep-ben', name: 'Ben Carter', email: 'ben@acme-analytics.example', title: 'Account Executive', timeZone: 'America/Los_Angeles', workingHours: weekdays([['08:00', '16:00']]), outOfOffice: [], calendars: [], active: true },
  { repId: 'rep-carla', name: 'Carla Méndez', email: 'carla@acme-analytics.example', title: 'Enterprise Account Executive', timeZone: 'Europe/Madrid', workingHours: weekdays([['09:00', '14:00'], ['15:00', '18:00']]), outOfOffice: [], calendars: [], active: true },
];

/** A few target accounts, as marketing would import them. */
export const demoAccounts = [
  { domain: 'globex.com', name: 'Globex Corporation', employees: 850, industry: 'Software', country: 'US', region: 'CA', tier: '1', ownerRepId: 'rep-ana' },
  { domain: 'initech.io', name: 'Initech', employees: 120, industry: 'Financial Services', country: 'US', region: 'TX', tier: '2', ownerRepId: 'rep-ben' },
  { domain: 'umbrella.pt', name: 'Umbrella Lda', employees: 3200, industry: 'SaaS', country: 'PT', region: 'Lisboa', tier: '1', ownerRepId: 'rep-carla' },
  { domain: 'hooli.es', name: 'Hooli España', employees: 40, industry: 'Retail', country: 'ES', region: 'Madrid', tier: '3', ownerRepId: 'rep-carla' },
];

export const demoSite: Site = {
  siteKey: 'demo',
  name: 'Acme Analytics',
  defaultLanguage: 'en',
  meetingType: defaultMeetingType,
  playbook: {
    id: 'default-v1',
    greeting: {
      en: "Hi! I'm the Acme Analytics assistant. I can connect you with the right person on our team.",
      es: '¡Hola! Soy el asistente de Acme Analytics. Puedo ponerte en contacto con la persona adecuada de nuestro equipo.',
      pt: 'Olá! Sou o assistente da Acme Analytics. Posso colocar você em contato com a pessoa certa da nossa equipe.',
    },
    afterEnd: {
      en: 'Thanks, we have everything we need. A member of our team will be in touch.',
      es: 'Gracias, tenemos todo lo que necesitamos. Alguien de nuestro equipo se pondrá en contacto.',
      pt: 'Obrigado, temos tudo de que precisamos. Alguém da nossa equipe entrará em contato.',
    },
    steps: [
      {
        id: 'need',
        kind: 'ask-text',
        answerKey: 'need',
        maxLength: 500,
        prompt: {
          en: 'What brings you here today?',
          es: '¿Qué te trae por aquí hoy?',
          pt: 'O que traz você aqui hoje?',
        },
      },
      {
        id: 'email',
        kind: 'ask-email',
        answerKey: 'email',
        prompt: {
          en: "Got it. What's your work email, so the right person can follow up?",
          es: 'Entendido. ¿Cuál es tu correo de trabajo, para que la persona adecuada te contacte?',
          pt: 'Entendi. Qual é o seu e-mail de trabalho, para que a pessoa certa entre em contato?',
        },
        invalid: {
          en: "That doesn't look like an email address. Could you check it?",
          es: 'Eso no parece una dirección de correo. ¿Puedes revisarla?',
          pt: 'Isso não parece um endereço de e-mail. Pode conferir?',
        },
      },
      {
        id: 'route',
        kind: 'route',
        routed: {
          en: "You're in good hands: {rep} from our team will take it from here.",
          es: 'Estás en buenas manos: {rep}, de nuestro equipo, te atenderá.',
          pt: 'Você está em boas mãos: {rep}, da nossa equipe, vai atender você.',
        },
      },
      {
        id: 'thanks',
        kind: 'end',
        text: {
          en: 'Thank you! Someone from our team will reach out shortly.',
          es: '¡Gracias! Alguien de nuestro equipo te escribirá en breve.',
          pt: 'Obrigado! Alguém da nossa equipe vai falar com você em breve.',
        },
      },
    ],
  },
};

/** Loads the demo data unless it is there already (a restart keeps what users changed). */
export async function seedDemoData(deps: Pick<Dependencies, 'sites' | 'rulebooks' | 'accounts' | 'reps'>): Promise<void> {
  for (const rep of demoReps) await deps.reps.putIfAbsent(demoSite.siteKey, rep);
  if (await deps.sites.putIfAbsent(demoSite)) {
    await deps.accounts.putMany(demoSite.siteKey, validateAccountRows(demoAccounts.map((record, index) => ({ line: index + 1, record }))).accounts);
  }
  await deps.rulebooks.putLiveIfAbsent(demoSite.siteKey, defaultRulebook);
}
