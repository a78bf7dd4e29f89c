import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { endpoints } from '../../contract/endpoints.ts';
import type { RawInputOf } from '../../contract/endpoint.ts';
import type { ChannelKind, MessageTemplate } from '../../contract/schemas/channels.ts';
import { apiRequest } from '../../lib/api-client.ts';

export type ChannelBody = RawInputOf<typeof endpoints.createChannel>['body'];
export type SilenceBody = RawInputOf<typeof endpoints.createSilence>['body'];
export type NotificationStatusFilter = NonNullable<RawInputOf<typeof endpoints.listNotifications>['query']>['status'];

export const notifyQueries = {
  channels: () =>
    queryOptions({
      queryKey: ['alerts', 'channels'],
      queryFn: ({ signal }) => apiRequest(endpoints.listChannels, {}, { signal }),
    }),
  silences: (include: 'current' | 'all') =>
    queryOptions({
      queryKey: ['alerts', 'silences', include],
      queryFn: ({ signal }) => apiRequest(endpoints.listSilences, { query: { include } }, { signal }),
    }),
  notifications: (status: NotificationStatusFilter) =>
    infiniteQueryOptions({
      queryKey: ['alerts', 'notifications', status ?? 'all'],
      queryFn: ({ signal, pageParam }) =>
        apiRequest(endpoints.listNotifications, { query: { limit: 50, ...(status ? { status } : {}), ...(pageParam ? { before: pageParam } : {}) } }, { signal }),
      initialPageParam: 0,
      getNextPageParam: (page) => page.nextCursor ?? undefined,
      // Delivery status changes on its own (retries): keep it fresh while the tab is open.
      refetchInterval: 10_000,
    }),
  preview: (kind: ChannelKind, template: MessageTemplate) =>
    queryOptions({
      queryKey: ['alerts', 'template-preview', kind, template],
      queryFn: ({ signal }) => apiRequest(endpoints.previewTemplate, { body: { kind, template } }, { signal }),
      staleTime: Infinity,
    }),
};

export const saveChannel = ({ id, body }: { id: string | null; body: ChannelBody }) =>
  id ? apiRequest(endpoints.updateChannel, { params: { id }, body }) : apiRequest(endpoints.createChannel, { body });
export const deleteChannel = (id: string) => apiRequest(endpoints.deleteChannel, { params: { id } });
export const testChannel = (id: string) => apiRequest(endpoints.testChannel, { params: { id }, body: {} });
export const createSilence = (body: SilenceBody) => apiRequest(endpoints.createSilence, { body });
export const expireSilence = (id: string) => apiRequest(endpoints.expireSilence, { params: { id } });
