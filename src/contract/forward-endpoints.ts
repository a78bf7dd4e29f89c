import { defineEndpoint } from './endpoint.ts';
import { createForwarderSchema, forwarderIdParamsSchema, forwarderListSchema, forwarderSchema, updateForwarderSchema } from './schemas/forwarders.ts';

/** SIEM forwarders (Splunk HEC, GELF, syslog CEF): spread into the endpoint table. */
export const forwardEndpoints = {
  listForwarders: defineEndpoint({
    method: 'GET',
    path: '/api/admin/forwarders',
    summary: 'SIEM forwarders with their delivery status: delivered count, lag, last error (never the HEC token)',
    tags: ['admin'],
    access: ['admin'],
    output: forwarderListSchema,
  }),
  createForwarder: defineEndpoint({
    method: 'POST',
    path: '/api/admin/forwarders',
    summary: 'Create a forwarder; the destination is checked against the outbound rules, the query parsed',
    tags: ['admin'],
    access: ['admin'],
    mfa: true,
    body: createForwarderSchema,
    output: forwarderSchema,
    status: 201,
  }),
  updateForwarder: defineEndpoint({
    method: 'PUT',
    path: '/api/admin/forwarders/:id',
    summary: 'Replace a forwarder (its position stays); an omitted HEC token keeps the stored one',
    tags: ['admin'],
    access: ['admin'],
    mfa: true,
    params: forwarderIdParamsSchema,
    body: updateForwarderSchema,
    output: forwarderSchema,
  }),
  deleteForwarder: defineEndpoint({
    method: 'DELETE',
    path: '/api/admin/forwarders/:id',
    summary: 'Delete a forwarder',
    tags: ['admin'],
    access: ['admin'],
    mfa: true,
    params: forwarderIdParamsSchema,
    output: forwarderSchema,
  }),
};
