import { z } from 'zod';
import { endpoints, errorEnvelopeSchema, type Endpoint } from '../contract/index.ts';

type JsonSchema = Record<string, unknown>;

/** The OpenAPI 3.1 document of the Vigil API, generated from the contract. */
export function buildOpenApiDocument(version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, endpoint] of Object.entries(endpoints) as [string, Endpoint][]) {
    const path = endpoint.path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
    paths[path] ??= {};
    paths[path][endpoint.method.toLowerCase()] = operation(name, endpoint);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vigil API',
      version,
      description:
        'Log search, audit trails and compliance over LTS/CTS data. Times are epoch milliseconds (UTC); ' +
        'inputs also accept ISO-8601. Every error uses the envelope { error: { code, message, details? } }.',
    },
    components: {
      securitySchemes: {
        oidc: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (DPoP-bound for browser sessions)' },
        apiToken: { type: 'http', scheme: 'bearer', description: 'API token created by an admin' },
      },
      schemas: { ErrorEnvelope: jsonSchema(errorEnvelopeSchema, 'output') },
    },
    paths,
  };
}

function operation(name: string, endpoint: Endpoint): JsonSchema {
  const parameters = [
    ...objectParameters(endpoint.params, 'path'),
    ...objectParameters(endpoint.query, 'query'),
  ];
  const errorResponse = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } } };
  const status = String(endpoint.status ?? 200);
  // A streamed endpoint's output schema describes one record of the stream, in each content type.
  const contentTypes = endpoint.streamed?.contentTypes ?? ['application/json'];
  const success = Object.fromEntries(contentTypes.map((type) => [type, { schema: jsonSchema(endpoint.output, 'output') }]));
  return {
    operationId: name,
    summary: endpoint.summary,
    tags: endpoint.tags,
    'x-vigil-access': endpoint.access === 'public' ? 'public' : { anyRole: endpoint.access },
    ...(endpoint.access === 'public' ? { security: [] } : { security: [{ oidc: [] }, { apiToken: [] }] }),
    ...(parameters.length ? { parameters } : {}),
    ...(endpoint.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(endpoint.body, 'input') } } } }
      : {}),
    responses: {
      [status]:
        status === '204'
          ? { description: 'Done' }
          : { description: endpoint.streamed ? 'Success: a stream of the records described' : 'Success', content: success },
      '400': { description: 'Invalid input', ...errorResponse },
      ...(endpoint.access === 'public'
        ? {}
        : {
            '401': { description: 'Missing or invalid credentials', ...errorResponse },
            '403': { description: 'Lacking role (or multi-factor sign-in)', ...errorResponse },
          }),
    },
  };
}

function objectParameters(schema: z.ZodType | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}
