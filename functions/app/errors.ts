/** Errors the use cases raise on purpose; the HTTP layer turns each kind into one problem+json status. */
export class DomainError extends Error {
  constructor(
    readonly kind: 'not-found' | 'conflict' | 'invalid' | 'forbidden' | 'too-many',
    readonly title: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export const notFound = (title: string, detail: string) => new DomainError('not-found', title, detail);
export const conflict = (title: string, detail: string) => new DomainError('conflict', title, detail);
export const forbidden = (title: string, detail: string) => new DomainError('forbidden', title, detail);

/** A limit reached: refused until the limit's window ends, which the client learns as Retry-After. */
export class TooManyRequestsError extends DomainError {
  constructor(
    title: string,
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super('too-many', title, detail);
  }
}
