/** Unique, unguessable, time-ordered identifiers (ULIDs in production). */
export type IdGenerator = () => string;
