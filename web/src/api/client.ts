import createClient from 'openapi-fetch';
import { authorizedFetch } from '../auth/session';
import type { components, paths } from './schema';

/** Every schema of the API's OpenAPI document (generated: `npm run web:api-types`). */
export type Schemas = components['schemas'];
export type ErrorCode = Schemas['ProblemDetails']['code'];

/**
 * The typed API client: paths, parameters, bodies and answers come from the API's own OpenAPI
 * document, so the browser and the API cannot drift apart silently (a test fails on stale types).
 * Requests carry the session's access token; an expired one is renewed once and the request repeated.
 */
export const api = createClient<paths>({ baseUrl: window.location.origin, fetch: authorizedFetch });
