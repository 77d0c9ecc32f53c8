import { describe, expect, it } from 'vitest';
import { classifyJobTitle } from '../../../../functions/core/scoring/classify-job-title.js';

describe('classifyJobTitle', () => {
  it.each([
    ['CEO', 'c-level'],
    ['Chief Revenue Officer', 'c-level'],
    ['Co-founder & CTO', 'c-level'],
    ['VP of Sales', 'vp-director'],
    ['Vice President, Sales', 'vp-director'],
    ['President', 'c-level'],
    ['Vicepresidente Comercial', 'vp-director'],
    ['VP Product Management', 'vp-director'],
    ['Director of Marketing', 'vp-director'],
    ['Head of Growth', 'vp-director'],
    ['Diretora de Marketing', 'vp-director'],
    ['Sales Manager', 'manager'],
    ['Gerente de Ventas', 'manager'],
    ['Account Executive', 'individual'],
    ['Software Engineer', 'individual'],
  ])('%s → %s', (title, level) => {
    expect(classifyJobTitle(title)).toBe(level);
  });
});
