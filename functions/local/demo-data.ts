import type { Site } from '../core/conversation/site.js';
import type { Playbook } from '../core/playbooks/playbook.js';
import type { Dependencies } from '../app/dependencies.js';
import { validateAccountRows } from '../core/enrichment/account.js';
import { defaultRulebook } from '../core/rulebook/rulebook.js';
import { weekdays, type Rep } from '../core/routing/rep.js';
import { defaultMeetingType } from '../core/scheduling/meeting-type.js';

export const demoReps: Rep[] = [
  {
    repId: 'rep-ana',
    name: 'Ana Souza',
    email: 'ana@acme-analytics.example',
    title: 'Account Executive',
    photoUrl: '/demo/rep-ana.svg',
    timeZone: 'America/New_York',
    workingHours: weekdays([
      ['09:00', '12:00'],
      ['13:00', '17:00'],
    ]),
    outOfOffice: [],
    calendars: [],
    active: true,
  },
  {
    repId: 'rep-ben',
    name: 'Ben Carter',
    email: 'ben@acme-analytics.example',
    title: 'Account Executive',
    photoUrl: '/demo/rep-ben.svg',
    timeZone: 'America/Los_Angeles',
    workingHours: weekdays([['08:00', '16:00']]),
    outOfOffice: [],
    calendars: [],
    active: true,
  },
  {
    repId: 'rep-carla',
    name: 'Carla Méndez',
    email: 'carla@acme-analytics.example',
    title: 'Enterprise Account Executive',
    photoUrl: '/demo/rep-carla.svg',
    timeZone: 'Europe/Madrid',
    workingHours: weekdays([
      ['09:00', '14:00'],
      ['15:00', '18:00'],
    ]),
    outOfOffice: [],
    calendars: [],
    active: true,
  },
];

/** A few target accounts, as marketing would import them. */
export const demoAccounts = [
  {
    domain: 'globex.com',
    name: 'Globex Corporation',
    employees: 850,
    industry: 'Software',
    country: 'US',
    region: 'CA',
    tier: '1',
    ownerRepId: 'rep-ana',
  },
  {
    domain: 'initech.io',
    name: 'Initech',
    employees: 120,
    industry: 'Financial Services',
    country: 'US',
    region: 'TX',
    tier: '2',
    ownerRepId: 'rep-ben',
  },
  {
    domain: 'umbrella.pt',
    name: 'Umbrella Lda',
    employees: 3200,
    industry: 'SaaS',
    country: 'PT',
    region: 'Lisboa',
    tier: '1',
    ownerRepId: 'rep-carla',
  },
  {
    domain: 'hooli.es',
    name: 'Hooli España',
    employees: 40,
    industry: 'Retail',
    country: 'ES',
    region: 'Madrid',
    tier: '3',
    ownerRepId: 'rep-carla',
  },
];

const choice = (value: string, en: string, es: string, pt: string) => ({ value, label: { en, es, pt } });

const sizeOptions = [
  choice('1-50', '1–50', '1–50', '1–50'),
  choice('51-200', '51–200', '51–200', '51–200'),
  choice('201-1000', '201–1000', '201–1000', '201–1000'),
  choice('1001+', 'More than 1000', 'Más de 1000', 'Mais de 1000'),
];

const roleOptions = [
  choice('c-level', 'C-level / founder', 'Dirección general / fundador', 'Diretoria / fundador'),
  choice('vp-director', 'VP or director', 'VP o director', 'VP ou diretor'),
  choice('manager', 'Manager', 'Gerente', 'Gerente'),
  choice('individual', 'Individual contributor', 'Colaborador individual', 'Colaborador individual'),
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
        id: 'known',
        kind: 'branch',
        // A contact of a named account, or a visitor already qualified, is not made to answer more questions.
        branches: [
          { when: { field: 'account.owner', op: 'exists' }, next: 'route' },
          { when: { field: 'qualifies', op: 'equals', value: true }, next: 'route' },
        ],
        otherwise: 'role',
      },
      {
        id: 'role',
        kind: 'ask-choice',
        answerKey: 'jobLevel',
        prompt: { en: 'What is your role?', es: '¿Cuál es tu cargo?', pt: 'Qual é o seu cargo?' },
        options: roleOptions,
        invalid: { en: 'Please pick a role.', es: 'Elige un cargo.', pt: 'Escolha um cargo.' },
        allowFreeText: false,
      },
      {
        id: 'qualified',
        kind: 'branch',
        branches: [{ when: { field: 'qualifies', op: 'equals', value: true }, next: 'route' }],
        otherwise: 'size',
      },
      {
        id: 'size',
        kind: 'ask-choice',
        answerKey: 'companySize',
        prompt: {
          en: 'How many people work at your company?',
          es: '¿Cuántas personas trabajan en tu empresa?',
          pt: 'Quantas pessoas trabalham na sua empresa?',
        },
        options: sizeOptions,
        invalid: { en: 'Please pick a size.', es: 'Elige un tamaño.', pt: 'Escolha um tamanho.' },
        allowFreeText: false,
      },
      {
        id: 'route',
        kind: 'route',
        offerSlots: true,
        routed: {
          en: "You're in good hands: {rep} from our team will take it from here.",
          es: 'Estás en buenas manos: {rep}, de nuestro equipo, te atenderá.',
          pt: 'Você está em boas mãos: {rep}, da nossa equipe, vai atender você.',
        },
      },
    ],
  },
};

/** The pricing-page playbook: buttons for need, size, role and timeline, a branch for customers, then routing and booking. */
export const pricingPlaybook: Playbook = {
  id: 'pricing-v1',
  targeting: { pathContains: ['/pricing'] },
  greeting: {
    en: 'Hi! Looking at pricing? I can get you a tailored quote or a demo in under a minute.',
    es: '¡Hola! ¿Mirando precios? Puedo conseguirte una propuesta o una demo en menos de un minuto.',
    pt: 'Olá! Olhando preços? Posso conseguir uma proposta ou uma demonstração em menos de um minuto.',
  },
  afterEnd: {
    en: 'Thanks, we have what we need. See you soon!',
    es: 'Gracias, tenemos lo que necesitamos. ¡Hasta pronto!',
    pt: 'Obrigado, temos o que precisamos. Até breve!',
  },
  steps: [
    {
      id: 'need',
      kind: 'ask-choice',
      answerKey: 'need',
      prompt: { en: 'What would help most?', es: '¿Qué te ayudaría más?', pt: 'O que ajudaria mais?' },
      options: [
        choice('demo', 'See a demo', 'Ver una demo', 'Ver uma demonstração'),
        choice('pricing', 'A quote for my team', 'Una propuesta para mi equipo', 'Uma proposta para minha equipe'),
        choice(
          'support',
          "I'm a customer and need help",
          'Soy cliente y necesito ayuda',
          'Sou cliente e preciso de ajuda',
        ),
        choice('browsing', 'Just looking', 'Solo estoy mirando', 'Só estou olhando'),
      ],
      invalid: {
        en: 'Please pick one of the options.',
        es: 'Elige una de las opciones.',
        pt: 'Escolha uma das opções.',
      },
      allowFreeText: false,
    },
    {
      id: 'triage',
      kind: 'branch',
      branches: [
        { when: { field: 'answers.need', op: 'equals', value: 'support' }, next: 'support' },
        { when: { field: 'answers.need', op: 'equals', value: 'browsing' }, next: 'email' },
      ],
      otherwise: 'size',
    },
    {
      id: 'size',
      kind: 'ask-choice',
      answerKey: 'companySize',
      prompt: {
        en: 'How many people work at your company?',
        es: '¿Cuántas personas trabajan en tu empresa?',
        pt: 'Quantas pessoas trabalham na sua empresa?',
      },
      options: sizeOptions,
      invalid: { en: 'Please pick a size.', es: 'Elige un tamaño.', pt: 'Escolha um tamanho.' },
      allowFreeText: false,
    },
    {
      id: 'role',
      kind: 'ask-choice',
      answerKey: 'jobLevel',
      prompt: { en: 'And your role?', es: '¿Y tu cargo?', pt: 'E o seu cargo?' },
      options: roleOptions,
      invalid: { en: 'Please pick a role.', es: 'Elige un cargo.', pt: 'Escolha um cargo.' },
      allowFreeText: false,
    },
    {
      id: 'timeline',
      kind: 'ask-choice',
      answerKey: 'timeline',
      prompt: { en: 'When are you looking to start?', es: '¿Cuándo quieres empezar?', pt: 'Quando pretende começar?' },
      options: [
        choice('this-quarter', 'This quarter', 'Este trimestre', 'Este trimestre'),
        choice('next-quarter', 'Next quarter', 'El próximo trimestre', 'No próximo trimestre'),
        choice('later', 'Later', 'Más adelante', 'Mais tarde'),
      ],
      invalid: { en: 'Please pick one.', es: 'Elige una opción.', pt: 'Escolha uma opção.' },
      allowFreeText: false,
    },
    {
      id: 'email',
      kind: 'ask-email',
      answerKey: 'email',
      prompt: {
        en: "What's your work email?",
        es: '¿Cuál es tu correo de trabajo?',
        pt: 'Qual é o seu e-mail de trabalho?',
      },
      invalid: {
        en: "That doesn't look like an email address.",
        es: 'Eso no parece un correo.',
        pt: 'Isso não parece um e-mail.',
      },
      next: 'route',
    },
    {
      id: 'support',
      kind: 'end',
      text: {
        en: 'Our support team answers at support@acme-analytics.example within the hour.',
        es: 'Soporte responde en support@acme-analytics.example en menos de una hora.',
        pt: 'O suporte responde em support@acme-analytics.example em até uma hora.',
      },
    },
    {
      id: 'route',
      kind: 'route',
      offerSlots: true,
      // The last step: what follows depends on the outcome (a rep's times, or the nurture message), so nothing generic is said after it.
      routed: {
        en: '{rep} will take it from here. Pick a time that suits you; the calendar invitation arrives by email.',
        es: '{rep} te atenderá. Elige un horario; la invitación de calendario llegará por correo.',
        pt: '{rep} vai atender você. Escolha um horário; o convite de agenda chega por e-mail.',
      },
    },
  ],
};

/** A second demo site that asks for consent before recording the chat. */
export const consentSite: Site = {
  ...demoSite,
  siteKey: 'demo-consent',
  name: 'Acme Analytics (EU)',
  consent: {
    required: true,
    version: '2026-11',
    text: {
      en: 'This chat is recorded and shared with our sales team so we can answer you. See our privacy notice.',
      es: 'Este chat se graba y se comparte con nuestro equipo comercial para poder responderte. Consulta nuestro aviso de privacidad.',
      pt: 'Este chat é gravado e compartilhado com nossa equipe comercial para podermos responder. Veja nosso aviso de privacidade.',
    },
  },
};

/** Loads the demo data unless it is there already (a restart keeps what users changed). */
export async function seedDemoData(
  deps: Pick<Dependencies, 'sites' | 'rulebooks' | 'accounts' | 'reps'>,
): Promise<void> {
  for (const rep of demoReps) await deps.reps.putIfAbsent(demoSite.siteKey, rep);
  if (await deps.sites.putIfAbsent(demoSite)) {
    await deps.accounts.putMany(
      demoSite.siteKey,
      validateAccountRows(demoAccounts.map((record, index) => ({ line: index + 1, record }))).accounts,
    );
  }
  await deps.rulebooks.putLiveIfAbsent(demoSite.siteKey, { ...defaultRulebook, playbooks: [pricingPlaybook] });
  if (await deps.sites.putIfAbsent(consentSite))
    for (const rep of demoReps) await deps.reps.putIfAbsent(consentSite.siteKey, rep);
  await deps.rulebooks.putLiveIfAbsent(consentSite.siteKey, defaultRulebook);
}
