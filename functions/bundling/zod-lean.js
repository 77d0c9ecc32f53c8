// zod as the visitor function's build gets it (esbuild alias, see lambda-bundling.ts `aliasesOf`): a `z` that
// holds only the members Baton's code calls. The whole `z` namespace (functions/bundling/zod.js) is one object
// esbuild must keep entire, so every factory and check zod has came with it; named imports let it drop what
// nothing calls (~45 KB, and the work of defining it at every cold start). The schema classes are zod's own,
// so what is parsed, refused and reported is exactly what the other builds do. A member used in functions/
// and missing here fails test/unit/bundling/zod-lean.test.ts. It comes with the `.openapi()` extension
// installed (as @hono/zod-openapi does with its `z`), so a chunk of schemas read on first use evaluates
// whichever chunk is read before it: the app and its @hono/zod-openapi are read by the first request too.
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { number as coercedNumber } from '../../node_modules/zod/v4/classic/coerce.js';
import { datetime } from '../../node_modules/zod/v4/classic/iso.js';
import {
  array,
  boolean,
  discriminatedUnion,
  email,
  enum as enumOf,
  literal,
  number,
  object,
  preprocess,
  record,
  strictObject,
  string,
  tuple,
  union,
  unknown,
  url,
  ZodObject,
  ZodType,
} from '../../node_modules/zod/v4/classic/schemas.js';
import { NEVER } from '../../node_modules/zod/v4/core/core.js';

export const z = {
  array,
  boolean,
  coerce: { number: coercedNumber },
  discriminatedUnion,
  email,
  enum: enumOf,
  iso: { datetime },
  literal,
  NEVER,
  number,
  object,
  preprocess,
  record,
  strictObject,
  string,
  tuple,
  union,
  unknown,
  url,
  ZodObject,
  ZodType,
};
extendZodWithOpenApi(z);
export default z;
