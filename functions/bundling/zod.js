// zod as the Lambda bundles get it (esbuild alias, see lambda-bundling.ts): everything but its 40-odd
// locales and fromJSONSchema, which the `z` namespace would otherwise carry into every bundle (~260 KB).
import * as z from './zod-external.js';
export * from './zod-external.js';
export { z, z as default };
