import { describe, expect, it } from 'vitest';
import { BrandColour } from '../../../functions/core/conversation/site.js';

describe("a site's brand colour", () => {
  it.each([
    ['#0b6e4f', true],
    ['#1F4FBF', true],
    // 4.48:1 against white, just under the 4.5 the widget's white text needs; one step darker passes.
    ['#777777', false],
    ['#767676', true],
    ['#ffcc00', false],
    ['0b6e4f', false],
    ['#0b6e4', false],
    ['red', false],
  ])('%s is accepted: %s', (colour, accepted) => {
    expect(BrandColour.safeParse(colour).success).toBe(accepted);
  });
});
