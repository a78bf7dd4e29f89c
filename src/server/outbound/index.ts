export { checkAddress, parseAddress, parseAllowList, EMPTY_ALLOW_LIST, type OutboundAllowList } from './address-policy.ts';
export { backoffDelay, withRetries, type BackoffOptions, type RetryOptions } from './backoff.ts';
export {
  describeUrl,
  OutboundClient,
  OutboundError,
  type OutboundClientOptions,
  type OutboundRequest,
  type OutboundResponse,
} from './client.ts';
export { checkOutboundUrl, checkSocketDestination, type DestinationCheck } from './destination.ts';
export { createSafeLookup, DestinationRefusedError, resolveSafely } from './safe-lookup.ts';
