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
  /** The request's headers (If-Match, Last-Event-ID). */
  headers: Headers;
  /** Appends to Vigil's own audit trail as this caller. */
  audit(event: RequestAuditEvent): void;
}

export type Handler<E extends Endpoint> = (input: InputOf<E>, ctx: RequestContext) => Promise<OutputOf<E>>;

/** Endpoints whose response is a stream (file download, Server-Sent Events) rather than one JSON value. */
export type StreamedEndpointName = { [K in EndpointName]: Endpoints[K] extends { streamed: object } ? K : never }[EndpointName];
export type JsonEndpointName = Exclude<EndpointName, StreamedEndpointName>;

/** One handler per JSON endpoint of the contract: a missing handler is a compile error in app.ts. */
export type Handlers = { [K in JsonEndpointName]: Handler<Endpoints[K]> };

/** Handlers of one feature's route file. */
export type FeatureHandlers<K extends JsonEndpointName> = Pick<Handlers, K>;

/** What a stream handler knows besides a JSON handler's context: the request's headers (Last-Event-ID). */
export interface StreamContext extends RequestContext {
  headers: Headers;
}

/** Answers a streamed endpoint with a Response whose body is written as it is produced. */
export type StreamHandler<E extends Endpoint> = (input: InputOf<E>, ctx: StreamContext) => Promise<Response>;

/** One stream handler per streamed endpoint: a missing one is a compile error in app.ts. */
export type StreamHandlers = { [K in StreamedEndpointName]: StreamHandler<Endpoints[K]> };
