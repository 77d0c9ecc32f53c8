import type { Site } from '../core/conversation/site.js';
import type { Playbook } from '../core/playbooks/playbook.js';
import type { Intent } from '../core/playbooks/understand-text.js';
import type { Dependencies } from '../app/dependencies.js';
import { validateAccountRows } from '../core/enrichment/account.js';
import { defaultRulebook, type Rulebook } from '../core/rulebook/rulebook.js';
import { weekdays, type Rep } from '../core/routing/rep.js';
import { defaultMeetingType } from '../core/scheduling/default-meeting-type.js';

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
    location: { type: 'video-url', url: 'https://meet.acme-analytics.example/ana-souza' },
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
    location: { type: 'video-url', url: 'https://meet.acme-analytics.example/ben-carter' },
  },
  {
    repId: 'rep-carla',
    name: 'Carla Méndez',
    email: 'carla@acme-analytics.example',
    title: 'Enterprise Account Executive',
    photoUrl: '/demo/rep-carla.svg',
    timeZone: 'Europe/Madrid',
    // Carla keeps Madrid's holidays, not the US ones the site's other reps keep.
    holidays: { country: 'ES', region: 'MD' },
    workingHours: weekdays([
      ['09:00', '14:00'],
      ['15:00', '18:00'],
    ]),
    outOfOffice: [],
    calendars: [],
    active: true,
    location: { type: 'place', address: 'Acme Analytics, Paseo de la Castellana 81, Madrid' },
  },
];

/** A few target accounts, as marketing would import them. */
const demoAccounts = [
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

type Texts = { en: string; es: string; pt: string; de: string };
const t = (en: string, es: string, pt: string, de: string): Texts => ({ en, es, pt, de });
const choice = (
  value: string,
  label: Texts,
  more: { synonyms?: Partial<Record<keyof Texts, string[]>>; intents?: Intent[] } = {},
) => ({ value, label, ...more });

const sizeOptions = [
  choice('1-50', t('1–50', '1–50', '1–50', '1–50'), {
    synonyms: { en: ['small', 'startup'], es: ['pequeña'], pt: ['pequena'], de: ['klein'] },
  }),
  choice('51-200', t('51–200', '51–200', '51–200', '51–200')),
  choice('201-1000', t('201–1000', '201–1000', '201–1000', '201–1000')),
  choice('1001+', t('More than 1000', 'Más de 1000', 'Mais de 1000', 'Mehr als 1000'), {
    synonyms: { en: ['enterprise', 'large', 'big'], es: ['grande'], pt: ['grande'], de: ['groß', 'konzern'] },
  }),
];

const roleOptions = [
  choice(
    'c-level',
    t('C-level / founder', 'Dirección general / fundador', 'Diretoria / fundador', 'Geschäftsführung / Gründer'),
    {
      synonyms: {
        en: ['ceo', 'cto', 'cfo', 'coo', 'cro', 'cmo', 'founder', 'co founder', 'owner', 'president'],
        es: ['director general', 'fundador', 'dueño', 'presidente'],
        pt: ['diretor geral', 'fundador', 'dono', 'presidente'],
        de: ['geschäftsführer', 'gründer', 'inhaber', 'vorstand'],
      },
    },
  ),
  choice('vp-director', t('VP or director', 'VP o director', 'VP ou diretor', 'VP oder Direktor'), {
    synonyms: {
      en: ['vp', 'vice president', 'director', 'head of'],
      es: ['vicepresidente', 'director', 'directora', 'jefe de'],
      pt: ['vice presidente', 'diretor', 'diretora', 'head de'],
      de: ['direktor', 'leiter', 'bereichsleiter', 'abteilungsleiter'],
    },
  }),
  choice('manager', t('Manager', 'Gerente', 'Gerente', 'Manager'), {
    synonyms: {
      en: ['team lead', 'lead', 'supervisor'],
      es: ['responsable', 'coordinador'],
      pt: ['coordenador', 'gestor'],
      de: ['teamleiter', 'teamleitung'],
    },
  }),
  choice('individual', t('Individual contributor', 'Colaborador individual', 'Colaborador individual', 'Fachkraft'), {
    synonyms: {
      en: ['engineer', 'analyst', 'developer', 'specialist', 'consultant', 'rep'],
      es: ['analista', 'ingeniero', 'desarrollador', 'especialista'],
      pt: ['analista', 'engenheiro', 'desenvolvedor', 'especialista'],
      de: ['analyst', 'ingenieur', 'entwickler', 'sachbearbeiter'],
    },
  }),
];

const pickRole = t('Please pick a role.', 'Elige un cargo.', 'Escolha um cargo.', 'Bitte wählen Sie eine Rolle.');
const pickSize = t('Please pick a size.', 'Elige un tamaño.', 'Escolha um tamanho.', 'Bitte wählen Sie eine Größe.');
const askSize = t(
  'How many people work at your company?',
  '¿Cuántas personas trabajan en tu empresa?',
  'Quantas pessoas trabalham na sua empresa?',
  'Wie viele Menschen arbeiten in Ihrem Unternehmen?',
);

export const demoSite: Site = {
  siteKey: 'demo',
  name: 'Acme Analytics',
  defaultLanguage: 'en',
  meetingType: defaultMeetingType,
  holidays: { country: 'US' },
  brandColour: '#0b6e4f',
  greeting: t(
    'We usually answer in a few minutes.',
    'Solemos responder en pocos minutos.',
    'Costumamos responder em poucos minutos.',
    'Wir antworten meist in wenigen Minuten.',
  ),
  avatarUrl: '/demo/acme-avatar.svg',
  playbook: {
    id: 'default-v1',
    greeting: t(
      "Hi! I'm the Acme Analytics assistant. I can connect you with the right person on our team.",
      '¡Hola! Soy el asistente de Acme Analytics. Puedo ponerte en contacto con la persona adecuada de nuestro equipo.',
      'Olá! Sou o assistente da Acme Analytics. Posso colocar você em contato com a pessoa certa da nossa equipe.',
      'Hallo! Ich bin der Assistent von Acme Analytics. Ich verbinde Sie mit der richtigen Person in unserem Team.',
    ),
    afterEnd: t(
      'Thanks, we have everything we need. A member of our team will be in touch.',
      'Gracias, tenemos todo lo que necesitamos. Alguien de nuestro equipo se pondrá en contacto.',
      'Obrigado, temos tudo de que precisamos. Alguém da nossa equipe entrará em contato.',
      'Danke, wir haben alles, was wir brauchen. Jemand aus unserem Team meldet sich bei Ihnen.',
    ),
    // Asked for a person, sales or a demo while a question waits: the email is known by then, so route at once.
    intents: [
      { intent: 'person', next: 'route' },
      { intent: 'sales', next: 'route' },
      { intent: 'demo', next: 'route' },
    ],
    steps: [
      {
        id: 'need',
        kind: 'ask-text',
        answerKey: 'need',
        maxLength: 500,
        prompt: t(
          'What brings you here today?',
          '¿Qué te trae por aquí hoy?',
          'O que traz você aqui hoje?',
          'Was führt Sie heute zu uns?',
        ),
      },
      {
        id: 'email',
        kind: 'ask-email',
        answerKey: 'email',
        prompt: t(
          "Got it. What's your work email, so the right person can follow up?",
          'Entendido. ¿Cuál es tu correo de trabajo, para que la persona adecuada te contacte?',
          'Entendi. Qual é o seu e-mail de trabalho, para que a pessoa certa entre em contato?',
          'Verstanden. Wie lautet Ihre geschäftliche E-Mail-Adresse, damit sich die richtige Person meldet?',
        ),
        invalid: t(
          "That doesn't look like an email address. Could you check it?",
          'Eso no parece una dirección de correo. ¿Puedes revisarla?',
          'Isso não parece um endereço de e-mail. Pode conferir?',
          'Das sieht nicht nach einer E-Mail-Adresse aus. Können Sie sie prüfen?',
        ),
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
        prompt: t('What is your role?', '¿Cuál es tu cargo?', 'Qual é o seu cargo?', 'Welche Rolle haben Sie?'),
        options: roleOptions,
        invalid: pickRole,
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
        prompt: askSize,
        options: sizeOptions,
        invalid: pickSize,
        allowFreeText: false,
      },
      {
        id: 'route',
        kind: 'route',
        offerSlots: true,
        routed: t(
          "You're in good hands: {rep} from our team will take it from here.",
          'Estás en buenas manos: {rep}, de nuestro equipo, te atenderá.',
          'Você está em boas mãos: {rep}, da nossa equipe, vai atender você.',
          'Sie sind in guten Händen: {rep} aus unserem Team übernimmt ab hier.',
        ),
      },
    ],
  },
};

/** The pricing-page playbook: buttons for need, size, role and timeline, a branch for customers, then routing and booking. */
export const pricingPlaybook: Playbook = {
  id: 'pricing-v1',
  targeting: { pathContains: ['/pricing'] },
  greeting: t(
    'Hi! Looking at pricing? I can get you a tailored quote or a demo in under a minute.',
    '¡Hola! ¿Mirando precios? Puedo conseguirte una propuesta o una demo en menos de un minuto.',
    'Olá! Olhando preços? Posso conseguir uma proposta ou uma demonstração em menos de um minuto.',
    'Hallo! Sie sehen sich die Preise an? Ich besorge Ihnen in unter einer Minute ein Angebot oder eine Demo.',
  ),
  afterEnd: t(
    'Thanks, we have what we need. See you soon!',
    'Gracias, tenemos lo que necesitamos. ¡Hasta pronto!',
    'Obrigado, temos o que precisamos. Até breve!',
    'Danke, wir haben, was wir brauchen. Bis bald!',
  ),
  // Someone who asks for a person skips the questions: the email, then a rep's open times.
  intents: [
    { intent: 'person', next: 'email' },
    { intent: 'support', next: 'support' },
  ],
  steps: [
    {
      id: 'need',
      kind: 'ask-choice',
      answerKey: 'need',
      prompt: t(
        'What would help most?',
        '¿Qué te ayudaría más?',
        'O que ajudaria mais?',
        'Was würde Ihnen am meisten helfen?',
      ),
      options: [
        choice('demo', t('See a demo', 'Ver una demo', 'Ver uma demonstração', 'Eine Demo sehen'), {
          intents: ['demo'],
        }),
        choice(
          'pricing',
          t(
            'A quote for my team',
            'Una propuesta para mi equipo',
            'Uma proposta para minha equipe',
            'Ein Angebot für mein Team',
          ),
          { intents: ['pricing', 'sales'] },
        ),
        choice(
          'support',
          t(
            "I'm a customer and need help",
            'Soy cliente y necesito ayuda',
            'Sou cliente e preciso de ajuda',
            'Ich bin Kunde und brauche Hilfe',
          ),
          { intents: ['support'] },
        ),
        choice('browsing', t('Just looking', 'Solo estoy mirando', 'Só estou olhando', 'Ich schaue mich nur um'), {
          synonyms: {
            en: ['just browsing', 'looking around', 'browsing', 'nothing'],
            es: ['solo mirando', 'curioseando', 'nada'],
            pt: ['so olhando', 'dando uma olhada', 'nada'],
            de: ['nur schauen', 'umsehen', 'nichts'],
          },
        }),
      ],
      invalid: t(
        'Please pick one of the options.',
        'Elige una de las opciones.',
        'Escolha uma das opções.',
        'Bitte wählen Sie eine der Optionen.',
      ),
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
      prompt: askSize,
      options: sizeOptions,
      invalid: pickSize,
      allowFreeText: false,
    },
    {
      id: 'role',
      kind: 'ask-choice',
      answerKey: 'jobLevel',
      prompt: t('And your role?', '¿Y tu cargo?', 'E o seu cargo?', 'Und Ihre Rolle?'),
      options: roleOptions,
      invalid: pickRole,
      allowFreeText: false,
    },
    {
      id: 'timeline',
      kind: 'ask-choice',
      answerKey: 'timeline',
      prompt: t(
        'When are you looking to start?',
        '¿Cuándo quieres empezar?',
        'Quando pretende começar?',
        'Wann möchten Sie starten?',
      ),
      options: [
        choice('this-quarter', t('This quarter', 'Este trimestre', 'Este trimestre', 'Dieses Quartal'), {
          synonyms: { en: ['asap', 'now', 'soon'], es: ['ya', 'pronto'], pt: ['ja', 'logo'], de: ['sofort', 'bald'] },
        }),
        choice('next-quarter', t('Next quarter', 'El próximo trimestre', 'No próximo trimestre', 'Nächstes Quartal'), {
          synonyms: { es: ['próximo trimestre'], pt: ['próximo trimestre'], de: ['im nächsten quartal'] },
        }),
        choice('later', t('Later', 'Más adelante', 'Mais tarde', 'Später'), {
          synonyms: {
            en: ['next year', 'not sure'],
            es: ['el año que viene'],
            pt: ['ano que vem'],
            de: ['nächstes jahr'],
          },
        }),
      ],
      invalid: t('Please pick one.', 'Elige una opción.', 'Escolha uma opção.', 'Bitte wählen Sie eine Option.'),
      allowFreeText: false,
    },
    {
      id: 'email',
      kind: 'ask-email',
      answerKey: 'email',
      prompt: t(
        "What's your work email?",
        '¿Cuál es tu correo de trabajo?',
        'Qual é o seu e-mail de trabalho?',
        'Wie lautet Ihre geschäftliche E-Mail-Adresse?',
      ),
      invalid: t(
        "That doesn't look like an email address.",
        'Eso no parece un correo.',
        'Isso não parece um e-mail.',
        'Das sieht nicht nach einer E-Mail-Adresse aus.',
      ),
      next: 'route',
    },
    {
      id: 'support',
      kind: 'end',
      text: t(
        'Our support team answers at support@acme-analytics.example within the hour.',
        'Soporte responde en support@acme-analytics.example en menos de una hora.',
        'O suporte responde em support@acme-analytics.example em até uma hora.',
        'Unser Support antwortet unter support@acme-analytics.example innerhalb einer Stunde.',
      ),
    },
    {
      id: 'route',
      kind: 'route',
      offerSlots: true,
      // The last step: what follows depends on the outcome (a rep's times, or the nurture message), so nothing generic is said after it.
      routed: t(
        '{rep} will take it from here. Pick a time that suits you; the calendar invitation arrives by email.',
        '{rep} te atenderá. Elige un horario; la invitación de calendario llegará por correo.',
        '{rep} vai atender você. Escolha um horário; o convite de agenda chega por e-mail.',
        '{rep} übernimmt ab hier. Wählen Sie einen passenden Termin; die Kalendereinladung kommt per E-Mail.',
      ),
    },
  ],
};

/** A second demo site that asks for consent before recording the chat. */
const consentSite: Site = {
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
      de: 'Dieser Chat wird aufgezeichnet und mit unserem Vertriebsteam geteilt, damit wir Ihnen antworten können. Siehe unseren Datenschutzhinweis.',
    },
  },
};

/** The live-chat demo: two questions, then an offer to talk to someone now; with nobody available, open times. */
const liveDemoSite: Site = {
  ...demoSite,
  siteKey: 'demo-live',
  name: 'Acme Analytics (live chat)',
  playbook: {
    id: 'live-v1',
    greeting: demoSite.playbook.greeting,
    afterEnd: demoSite.playbook.afterEnd,
    // "Can I talk to someone?" at any question goes straight to the offer.
    intents: [{ intent: 'person', next: 'talk' }],
    steps: [
      demoSite.playbook.steps[0]!,
      demoSite.playbook.steps[1]!,
      {
        id: 'talk',
        kind: 'talk-now',
        connecting: t(
          'Let me find someone who can talk with you right now…',
          'Busco a alguien que pueda hablar contigo ahora mismo…',
          'Vou encontrar alguém que possa falar com você agora…',
          'Ich suche jemanden, der jetzt gleich mit Ihnen sprechen kann…',
        ),
        waiting: t(
          'Everyone is with another visitor; you are next in line. If you would rather not wait, pick a time:',
          'Todos están con otro visitante; eres el siguiente. Si prefieres no esperar, elige un horario:',
          'Todos estão com outro visitante; você é o próximo. Se preferir não esperar, escolha um horário:',
          'Alle sind gerade im Gespräch; Sie sind als Nächstes dran. Wenn Sie nicht warten möchten, wählen Sie einen Termin:',
        ),
        joined: t(
          '{rep} has joined the conversation.',
          '{rep} se ha unido a la conversación.',
          '{rep} entrou na conversa.',
          '{rep} ist dem Gespräch beigetreten.',
        ),
        unavailable: t(
          'Nobody can chat right now. Pick a time that suits you:',
          'Ahora nadie puede chatear. Elige un horario que te venga bien:',
          'Ninguém pode conversar agora. Escolha um horário que funcione para você:',
          'Gerade kann niemand chatten. Wählen Sie einen passenden Termin:',
        ),
        ended: t(
          'The conversation with {rep} has ended.',
          'La conversación con {rep} ha terminado.',
          'A conversa com {rep} terminou.',
          'Das Gespräch mit {rep} ist beendet.',
        ),
      },
    ],
  },
};

/** The live desk takes chats round the clock, so live chat can be tried at any hour; presence alone decides. */
const allWeek = (rep: Rep): Rep => ({
  ...rep,
  workingHours: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => [day, [['00:00', '24:00']]]),
  ) as Rep['workingHours'],
});

/** Every visitor of the live demo goes to the live desk's pool, so the offer reaches a rep at any hour. */
const liveDemoRulebook: Rulebook = {
  ...defaultRulebook,
  pools: [
    {
      id: 'live-desk',
      name: 'Live desk',
      strategy: 'weighted-round-robin',
      members: demoReps.map((rep) => ({ repId: rep.repId, weight: 1 })),
      visitorPicks: false,
    },
  ],
  rules: [
    {
      id: 'live-desk',
      name: 'Every visitor to the live desk',
      when: { field: 'stage', op: 'exists' },
      route: { type: 'pool', poolId: 'live-desk' },
    },
  ],
  fallbacks: defaultRulebook.fallbacks.filter((fallback) => fallback.type !== 'pool'),
};

/** Loads the demo data unless it is there already (a restart keeps what users changed). */
export async function seedDemoData(
  deps: Pick<Dependencies, 'sites' | 'rulebooks' | 'accounts' | 'reps' | 'clock'>,
): Promise<void> {
  const now = deps.clock().toISOString();
  for (const rep of demoReps) await deps.reps.putIfAbsent(demoSite.siteKey, rep);
  if (await deps.sites.putIfAbsent(demoSite)) {
    await deps.accounts.putMany(
      demoSite.siteKey,
      validateAccountRows(demoAccounts.map((record, index) => ({ line: index + 1, record }))).accounts,
    );
  }
  await deps.rulebooks.putLiveIfAbsent(demoSite.siteKey, { ...defaultRulebook, playbooks: [pricingPlaybook] }, now);
  if (await deps.sites.putIfAbsent(consentSite))
    for (const rep of demoReps) await deps.reps.putIfAbsent(consentSite.siteKey, rep);
  await deps.rulebooks.putLiveIfAbsent(consentSite.siteKey, defaultRulebook, now);
  if (await deps.sites.putIfAbsent(liveDemoSite))
    for (const rep of demoReps) await deps.reps.putIfAbsent(liveDemoSite.siteKey, allWeek(rep));
  await deps.rulebooks.putLiveIfAbsent(liveDemoSite.siteKey, liveDemoRulebook, now);
}
