// The API description: route registry (lib/openapi/routes/*) → OpenAPI 3.1 document.
export { buildOpenApiDocument, jsonSchema, openApiDocument, OPERATIONS, type OpenApiDocument } from "./document";
export { type Operation, type HttpMethod } from "./registry";
