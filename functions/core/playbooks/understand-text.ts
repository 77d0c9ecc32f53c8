/** What a visitor may want when they type instead of clicking, recognised in every language the widget speaks. */
export const INTENTS = ['support', 'person', 'demo', 'pricing', 'sales'] as const;
export type Intent = (typeof INTENTS)[number];

/**
 * Phrases per intent and language, written normalized (lower case, no accents, single spaces). A phrase
 * matches whole words only, so "demo" does not match inside "democracy". When several intents match, the
 * first in INTENTS wins: someone with a problem wants help before anything else, and someone asking for
 * a human wants that more than the topic they name.
 */
const INTENT_PHRASES: Record<Intent, Record<'en' | 'es' | 'pt' | 'de', string[]>> = {
  support: {
    en: [
      'support',
      'help desk',
      'not working',
      'broken',
      'bug',
      'error',
      'problem',
      'issue',
      'need help',
      'im a customer',
      'i am a customer',
    ],
    es: ['soporte', 'ayuda', 'no funciona', 'problema', 'error', 'fallo', 'soy cliente'],
    pt: ['suporte', 'ajuda', 'nao funciona', 'problema', 'erro', 'falha', 'sou cliente'],
    de: ['support', 'hilfe', 'funktioniert nicht', 'problem', 'fehler', 'kaputt', 'bin kunde'],
  },
  person: {
    en: [
      'human',
      'a person',
      'real person',
      'someone',
      'somebody',
      'agent',
      'representative',
      'operator',
      'talk to a',
      'speak to a',
      'speak with',
      'talk with',
      'call me',
    ],
    es: ['humano', 'una persona', 'alguien', 'agente', 'representante', 'hablar con', 'llamame'],
    pt: ['humano', 'uma pessoa', 'alguem', 'atendente', 'agente', 'representante', 'falar com', 'me liga'],
    de: [
      'mensch',
      'menschen',
      'eine person',
      'jemand',
      'jemandem',
      'mitarbeiter',
      'berater',
      'sprechen mit',
      'reden mit',
      'ruft mich an',
    ],
  },
  demo: {
    en: ['demo', 'demonstration', 'walkthrough', 'walk through', 'trial', 'see it', 'show me', 'see the product'],
    es: ['demo', 'demostracion', 'prueba', 'ver el producto', 'muestrame', 'ensename'],
    pt: ['demo', 'demonstracao', 'teste', 'ver o produto', 'me mostre', 'mostrar'],
    de: ['demo', 'vorfuhrung', 'vorfuehrung', 'testen', 'testversion', 'zeigen', 'produkt sehen'],
  },
  pricing: {
    en: ['price', 'prices', 'pricing', 'cost', 'costs', 'how much', 'quote', 'plans', 'plan', 'license', 'budget'],
    es: ['precio', 'precios', 'cuesta', 'cuanto', 'coste', 'costo', 'cotizacion', 'presupuesto', 'propuesta', 'planes'],
    pt: ['preco', 'precos', 'custa', 'quanto', 'custo', 'cotacao', 'orcamento', 'proposta', 'planos'],
    de: ['preis', 'preise', 'kosten', 'kostet', 'wie viel', 'angebot', 'tarif', 'tarife', 'lizenz'],
  },
  sales: {
    en: ['sales', 'salesperson', 'sales team', 'buy', 'purchase', 'account executive'],
    es: ['ventas', 'comercial', 'vendedor', 'comprar', 'compra'],
    pt: ['vendas', 'comercial', 'vendedor', 'comprar', 'compra'],
    de: ['vertrieb', 'verkauf', 'kaufen', 'kauf', 'vertriebler'],
  },
};

/** Lower case, accents removed, everything but letters and digits turned into single spaces. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Whether the normalized phrase occurs in the normalized text as whole words. */
function containsPhrase(normalizedText: string, normalizedPhrase: string): boolean {
  if (normalizedPhrase === '') return false;
  return ` ${normalizedText} `.includes(` ${normalizedPhrase} `);
}

/** The intent a typed message expresses, in any of the widget's languages, or null. */
export function recognizeIntent(text: string): Intent | null {
  const normalized = normalizeText(text);
  for (const intent of INTENTS) {
    const phrases = Object.values(INTENT_PHRASES[intent]).flat();
    if (phrases.some((phrase) => containsPhrase(normalized, phrase))) return intent;
  }
  return null;
}

export interface ChoiceOption {
  value: string;
  label: Record<string, string>;
  synonyms?: Record<string, string[]> | undefined;
  intents?: readonly Intent[] | undefined;
}

const RANGE = /^(\d+)\s*[-–]\s*(\d+)$/;
const OPEN_RANGE = /^(\d+)\s*\+$/;

/**
 * The option a typed answer means: the value, a label or a synonym in any language typed alone; else the
 * option whose label or synonym found in the message is the longest; else a number inside an option's range
 * ("about 70 people" → 51-200); else the option that declares the message's intent. Null when none, or when
 * the message names several options and nothing decides between them.
 */
export function matchOption<T extends ChoiceOption>(options: readonly T[], text: string): T | null {
  const typed = normalizeText(text);
  if (typed === '') return null;
  const phrasesOf = (option: T) =>
    [option.value, ...Object.values(option.label), ...Object.values(option.synonyms ?? {}).flat()].map(normalizeText);

  const exact = options.find((option) => phrasesOf(option).includes(typed));
  if (exact) return exact;

  // The longest phrase found decides, so "director general" (C-level) wins over "director" (VP or director).
  const longest = options.map((option) =>
    Math.max(0, ...phrasesOf(option).map((phrase) => (containsPhrase(typed, phrase) ? phrase.length : 0))),
  );
  const best = Math.max(0, ...longest);
  if (best > 0 && longest.filter((length) => length === best).length === 1)
    return options[longest.indexOf(best)] ?? null;

  const number = /\d[\d,.]*/.exec(text)?.[0];
  if (number !== undefined) {
    const count = Number(number.replace(/[,.]/g, ''));
    const inRange = options.find((option) => {
      const range = RANGE.exec(option.value);
      if (range) return count >= Number(range[1]) && count <= Number(range[2]);
      const open = OPEN_RANGE.exec(option.value);
      return open !== null && count >= Number(open[1]);
    });
    if (inRange) return inRange;
  }

  const intent = recognizeIntent(text);
  if (intent === null) return null;
  const byIntent = options.filter((option) => option.intents?.includes(intent));
  return byIntent.length === 1 ? (byIntent[0] ?? null) : null;
}
