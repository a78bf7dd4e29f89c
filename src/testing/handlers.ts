import { endpoints } from '../contract/endpoints.ts';
import { makeHealth, makeLogGroupList } from './fixtures.ts';
import { mockEndpoint } from './mock-endpoint.ts';

/**
 * The default answer for every endpoint, shared by the Node server in tests and the browser
 * worker in mock mode. Tests override single endpoints with `server.use(...)`.
 */
export const handlers = [
  mockEndpoint(endpoints.health, () => makeHealth()),
  mockEndpoint(endpoints.listLogGroups, () => makeLogGroupList()),
];
