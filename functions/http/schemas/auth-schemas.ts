import { z } from '@hono/zod-openapi';
import { ROLES } from '../../ports/token-verifier.js';

export const SignInBody = z
  .object({
    username: z.string().min(1).max(200),
    password: z.string().min(1).max(200),
  })
  .strict()
  .openapi('SignInRequest');

export const SessionSchema = z
  .object({
    token: z.string().openapi({ description: 'Send as "Authorization: Bearer …" to the protected operations.' }),
    expiresAt: z.string().datetime({ offset: true }),
    user: z.object({
      userId: z.string(),
      name: z.string().nullable(),
      roles: z.array(z.enum(ROLES)),
      sites: z.array(z.string()).openapi({ description: 'Site keys the person acts on; ["*"] for every site.' }),
      repId: z.string().nullable(),
    }),
  })
  .openapi('Session');

export const SignInConfigSchema = z
  .discriminatedUnion('method', [
    z.object({ method: z.literal('local') }).openapi({ description: 'Local accounts: POST /v1/auth/login.' }),
    z
      .object({
        method: z.literal('hosted'),
        authorizeUrl: z.string().url(),
        tokenUrl: z.string().url(),
        clientId: z.string(),
        scopes: z.array(z.string()),
      })
      .openapi({ description: "An OAuth provider's hosted sign-in page (Cognito): authorization code with PKCE." }),
    z.object({ method: z.literal('none') }).openapi({ description: 'No sign-in is configured on this deployment.' }),
  ])
  .openapi('SignInConfig');
export type SignInConfig = z.infer<typeof SignInConfigSchema>;
