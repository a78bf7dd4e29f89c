import type { Endpoint, EndpointName, Endpoints, InputOf, OutputOf } from '../../contract/index.ts';
import type { Principal } from '../auth/principal.ts';

/** What a handler knows about the request besides its validated input. */
export interface RequestContext {
  /** The verified caller; null only on public endpoints called anonymously. */
  principal: Principal | null;
  signal: AbortSignal;
  ip: string;
  userAgent: string;
}

export type Handler<E extends Endpoint> = (input: InputOf<E>, ctx: RequestContext) => Promise<OutputOf<E>>;

/** One handler per contract endpoint: a missing handler is a compile error in app.ts. */
export type Handlers = { [K in EndpointName]: Handler<Endpoints[K]> };

/** Handlers of one feature's route file. */
export type FeatureHandlers<K extends EndpointName> = Pick<Handlers, K>;
