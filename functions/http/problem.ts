import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

export interface FieldError {
  /** JSON pointer into the request part named by `in`. */
  pointer: string;
  in: 'body' | 'path' | 'query' | 'header';
  detail: string;
}

/** What a route says about a failure; `type` defaults to about:blank and `instance` to the request path. */
export interface ProblemInput {
  type?: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Every error response goes through here: RFC 9457 problem details. */
export function problemResponse(c: Context, problem: ProblemInput): Response {
  const body = { type: 'about:blank', instance: c.req.path, ...problem };
  return c.body(JSON.stringify(body), problem.status as ContentfulStatusCode, {
    'Content-Type': 'application/problem+json',
  });
}

export function fieldErrors(error: ZodError, location: FieldError['in']): FieldError[] {
  const pointer = (path: readonly PropertyKey[]) =>
    '/' + path.map((part) => String(part).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
  // An unknown field is pointed at itself, at any depth, so a client sees which key to remove.
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ pointer: pointer([...issue.path, key]), in: location, detail: 'unknown field' }))
      : [{ pointer: pointer(issue.path), in: location, detail: issue.message }],
  );
}

/** Thrown by a route to answer with a specific problem; the app's error handler renders it. */
export class ProblemError extends Error {
  constructor(readonly problem: ProblemInput) {
    super(problem.detail);
    this.name = 'ProblemError';
  }
}
