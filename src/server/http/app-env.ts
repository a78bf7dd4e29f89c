/** Values the middleware puts on a request's context. */
export interface AppEnv {
  Variables: { requestId: string };
}
