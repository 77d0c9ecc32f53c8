// zod-to-openapi as the visitor function's build gets it (esbuild alias, see lambda-bundling.ts): the
// `.openapi()` extension and the registry its routes are declared in, without the document generators
// (~22 KB). That function serves no OpenAPI document: API Gateway sends /openapi.json and /docs to the
// API function, and its app is built with `documents: false` (functions/http/create-app.ts).
export {
  extendZodWithOpenApi,
  getOpenApiMetadata,
  getRefId,
  OpenAPIRegistry,
  zodToOpenAPIRegistry,
} from '../../node_modules/@asteasolutions/zod-to-openapi/dist/index.mjs';

class NoDocuments {
  constructor() {
    throw new Error(
      'This function is built without the OpenAPI document generator: the API function serves the document.',
    );
  }
}
export { NoDocuments as OpenApiGeneratorV3, NoDocuments as OpenApiGeneratorV31, NoDocuments as OpenApiGeneratorV32 };
