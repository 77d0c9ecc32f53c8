import { z } from '@hono/zod-openapi';

const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ pointer: z.string(), in: z.enum(['body', 'path', 'query', 'header']), detail: z.string() }))
      .optional()
      .openapi({ description: 'One entry per invalid field, for validation failures.' }),
  })
  .openapi('Problem');

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

/** The error responses an operation documents, by status. */
export function problemResponses(...statuses: Array<400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500>) {
  const descriptions: Record<number, string> = {
    400: 'The request is malformed or fails validation; `errors` lists each field.',
    401: 'No valid bearer token.',
    403: 'The token lacks the role this needs.',
    404: 'The resource does not exist.',
    409: 'The request conflicts with the current state; retry after reading it again.',
    413: 'The request body is too large.',
    415: 'The request body is not of a supported media type.',
    422: 'The request is well-formed but cannot be applied; see the extension members.',
    429: 'Too many requests.',
    500: 'An unexpected error; nothing was half-written.',
  };
  return Object.fromEntries(
    statuses.map((status) => [status, { description: descriptions[status]!, content: problemContent }]),
  );
}
