import { describe, expect, it } from 'vitest';
import { createChannelSchema } from '../../contract/schemas/channels.ts';
import { bodyFromFields, emptyFields, fieldsFromChannel } from './channel-form-model.ts';

describe('channel form model', () => {
  it('builds bodies the contract accepts, leaving empty secrets out so stored ones stay', () => {
    const email = bodyFromFields({ ...emptyFields(), kind: 'email', name: ' Ops mail ', host: 'smtp.example.com', port: '587', from: 'vigil@example.com', to: 'a@example.com; b@example.com', username: 'vigil' });
    expect(createChannelSchema.parse(email).settings).toEqual({
      kind: 'email', host: 'smtp.example.com', port: 587, security: 'starttls', username: 'vigil', from: 'vigil@example.com', to: ['a@example.com', 'b@example.com'],
    });
    const slack = bodyFromFields({ ...emptyFields(), kind: 'slack', name: 'chat' });
    expect(slack.settings).toEqual({ kind: 'slack' });
  });

  it('fills the form from a stored channel without secrets', () => {
    const fields = fieldsFromChannel({
      id: 'x', name: 'hook', kind: 'webhook', enabled: false, settings: { kind: 'webhook', url: 'https://h.example/x' }, secretsSet: ['secret'],
      template: { title: 't', body: 'b' }, createdBy: 'a', createdAt: 0, updatedBy: 'a', updatedAt: 0,
    });
    expect(fields).toMatchObject({ kind: 'webhook', url: 'https://h.example/x', secret: '', enabled: false, title: 't' });
  });
});
