import type { Slot } from '../../core/scheduling/find-open-slots.js';
import { DomainError } from '../errors.js';

/** A booking or move lost its time; carries the fresh slots the visitor can pick from instead. */
export class SlotTakenError extends DomainError {
  constructor(readonly slots: Array<Slot & { localStart: string; localEnd: string }>) {
    super(
      'conflict',
      'Slot no longer available',
      'That time was just taken or is no longer open; pick one of the fresh slots.',
    );
  }
}
