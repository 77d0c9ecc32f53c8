import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

export interface FieldError {
  /** JSON pointer into the request part named by `in`. */
  pointer: string;
  in: 'body' | 'path' | 'query' | 'header';
  detail: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Every error response goes through here: RFC 9457 problem details. */
export function problemResponse(c: Context, problem: Omit<Problem, 'type'> & { type?: string }): Response {
  const body: Problem = { type: 'about:blank', instance: c.req.path, ...problem } as Problem;
  return c.body(JSON.stringify(body), problem.status as ContentfulStatusCode, { 'Content-Type': 'application/problem+json' });
}

export function fieldErrors(error: ZodError, location: FieldError['in']): FieldError[] {
  return error.issues.map((issue) => ({
    pointer: '/' + issue.path.map((part) => String(part).replaceAll('~', '~0').replaceAll('/', '~1')).join('/'),
    in: location,
    detail: issue.message,
  }));
}
