/** The only way the application learns the time; tests pass a fixed or stepping clock. */
export type Clock = () => Date;
