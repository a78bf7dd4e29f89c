import type { Endpoint, EndpointName, Endpoints, InputOf, OutputOf } from '../../contract/index.ts';
import type { Principal } from '../auth/principal.ts';
import type { AuditEvent } from '../state/audit-trail.ts';

/** An audit event as a handler states it; who, from where and which request are filled in. */
export type RequestAuditEvent = Omit<AuditEvent, 'actor' | 'sourceIp' | 'userAgent' | 'requestId' | 'path'>;

/** What a handler knows about the request besides its validated input. */
export interface RequestContext {
  /** The verified caller; null only on public endpoints called anonymously. */
  principal: Principal | null;
  signal: AbortSignal;
  ip: string;
  userAgent: string;
  /** Appends to Vigil's own audit trail as this caller. */
  audit(event: RequestAuditEvent): void;
}

export type Handler<E extends Endpoint> = (input: InputOf<E>, ctx: RequestContext) => Promise<OutputOf<E>>;

/** One handler per contract endpoint: a missing handler is a compile error in app.ts. */
export type Handlers = { [K in EndpointName]: Handler<Endpoints[K]> };

/** Handlers of one feature's route file. */
export type FeatureHandlers<K extends EndpointName> = Pick<Handlers, K>;
