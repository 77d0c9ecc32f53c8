import { describe, expect, it } from 'vitest';
import {
  matchOption,
  normalizeText,
  recognizeIntent,
  type ChoiceOption,
} from '../../../../functions/core/playbooks/understand-text.js';
import { pricingPlaybook, demoSite } from '../../../../functions/local/demo-data.js';

const optionsOf = (playbook: typeof pricingPlaybook, stepId: string): ChoiceOption[] => {
  const step = playbook.steps.find((candidate) => candidate.id === stepId);
  if (step?.kind !== 'ask-choice') throw new Error(`${stepId} is not a choice`);
  return step.options;
};
const need = optionsOf(pricingPlaybook, 'need');
const size = optionsOf(pricingPlaybook, 'size');
const role = optionsOf(demoSite.playbook, 'role');
const timeline = optionsOf(pricingPlaybook, 'timeline');

describe('recognizeIntent', () => {
  it.each([
    ['I want to talk to a human', 'person'],
    ['can I speak to a real person?', 'person'],
    ['Quiero hablar con una persona', 'person'],
    ['Quero falar com um humano', 'person'],
    ['Ich möchte mit einem Menschen sprechen', 'person'],
    ['talk to sales', 'sales'],
    ['Quiero comprar', 'sales'],
    ['Quero falar com vendas', 'person'],
    ['Ich möchte kaufen', 'sales'],
    ['Can I get a demo?', 'demo'],
    ['Me gustaría una demostración', 'demo'],
    ['Gostaria de uma demonstração', 'demo'],
    ['Eine Vorführung bitte', 'demo'],
    ['How much does it cost?', 'pricing'],
    ['¿Cuánto cuesta?', 'pricing'],
    ['Qual é o preço?', 'pricing'],
    ['Was kostet das?', 'pricing'],
    ['The dashboard is not working', 'support'],
    ['Necesito ayuda, soy cliente', 'support'],
    ['Preciso de ajuda com um erro', 'support'],
    ['Ich brauche Hilfe', 'support'],
  ])('reads "%s" as %s', (text, intent) => {
    expect(recognizeIntent(text)).toBe(intent);
  });

  it.each([['hello'], ['democracy matters'], ['pricey'], [''], ['   ']])('finds no intent in "%s"', (text) => {
    expect(recognizeIntent(text)).toBeNull();
  });

  it('puts a problem before a person and a person before the topic they name', () => {
    expect(recognizeIntent('a human please, the export has a bug')).toBe('support');
    expect(recognizeIntent('let me talk to a human about pricing')).toBe('person');
  });
});

describe('matchOption', () => {
  it.each([
    ['See a demo', 'demo', need],
    ['ver una DEMO', 'demo', need],
    ['pricing', 'pricing', need],
    ['how much is it for 20 seats?', 'pricing', need],
    ['I want to buy', 'pricing', need],
    ['our reports are broken', 'support', need],
    ['just browsing, thanks', 'browsing', need],
    ['Ich schaue mich nur um', 'browsing', need],
    ['Só estou olhando', 'browsing', need],
    ['so estou olhando', 'browsing', need],
    ['1-50', '1-50', size],
    ['1–50', '1-50', size],
    ['about 70 people', '51-200', size],
    ['exactly 200', '51-200', size],
    ['201', '201-1000', size],
    ['1,000', '201-1000', size],
    ['1001', '1001+', size],
    ['25000 employees', '1001+', size],
    ['we are an enterprise', '1001+', size],
    ['Mais de 1000', '1001+', size],
    ['Mehr als 1000', '1001+', size],
    ['CEO', 'c-level', role],
    ['Director general de la empresa', 'c-level', role],
    ['VP of Sales', 'vp-director', role],
    ['Head of Revenue', 'vp-director', role],
    ['Sales director', 'vp-director', role],
    ['Abteilungsleiter', 'vp-director', role],
    ['team lead', 'manager', role],
    ['Gerente', 'manager', role],
    ['data analyst', 'individual', role],
    ['asap', 'this-quarter', timeline],
    ['próximo trimestre', 'next-quarter', timeline],
    ['Später', 'later', timeline],
  ])('chooses "%s" → %s', (text, value, options) => {
    expect(matchOption(options, text)?.value).toBe(value);
  });

  it.each([
    ['hmm', need],
    ['', need],
    ['astronaut', role],
    ['medium-ish', size],
    ['this quarter or next quarter', timeline],
  ])('chooses nothing for "%s"', (text, options) => {
    expect(matchOption(options, text)).toBeNull();
  });
});

describe('normalizeText', () => {
  it('drops case, accents, apostrophes and punctuation', () => {
    expect(normalizeText("  ¿Cuánto   CUESTA?  I'm ")).toBe('cuanto cuesta im');
  });
});
