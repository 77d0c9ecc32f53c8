import { describe, expect, it } from 'vitest';
import { ROUTING_FIELD_TYPES } from '../../../console/src/rulebook-types.js';
import { ROUTING_FIELDS } from '../../../functions/core/routing/condition.js';

describe("the console's condition editor", () => {
  it('offers exactly the fields routing conditions read, with their types', () => {
    expect(ROUTING_FIELD_TYPES).toEqual(ROUTING_FIELDS);
  });
});
