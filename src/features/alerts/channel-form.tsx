import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { channelKinds, type Channel, type ChannelKind } from '../../contract/schemas/channels.ts';
import { useAuth } from '../../lib/auth-context.ts';
import { bodyFromFields, emptyFields, fieldsFromChannel, KIND_LABELS, type ChannelFields } from './channel-form-model.ts';
import { saveChannel } from './notify-api.ts';
import { TemplatePreview } from './template-preview.tsx';

function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  // The hint sits outside the label so the field's accessible name is the label alone.
  return (
    <div className="notify-field">
      <label className="notify-field">
        <span>{label}</span>
        {children}
      </label>
      {hint && <small className="notify-muted">{hint}</small>}
    </div>
  );
}

export function ChannelForm({ channel, onDone }: { channel: Channel | null; onDone: () => void }) {
  const auth = useAuth();
  const queryClient = useQueryClient();
  const [f, setF] = useState<ChannelFields>(() => (channel ? fieldsFromChannel(channel) : emptyFields()));
  const set = <K extends keyof ChannelFields>(key: K, value: ChannelFields[K]) => setF((prev) => ({ ...prev, [key]: value }));
  const stored = (name: string) => (channel?.secretsSet.includes(name) && channel.kind === f.kind ? 'stored: leave empty to keep' : '');
  const save = useMutation({
    mutationFn: saveChannel,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['alerts', 'channels'] });
      onDone();
    },
  });
  const text = (key: keyof ChannelFields, props: Record<string, unknown> = {}) => (
    <input value={f[key] as string} onChange={(e) => set(key, e.target.value as never)} {...props} />
  );

  return (
    <form
      className="notify-form"
      aria-label={channel ? `Edit channel ${channel.name}` : 'New channel'}
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ id: channel?.id ?? null, body: bodyFromFields(f) });
      }}
    >
      <div className="notify-form__grid">
        <Field label="Name">{text('name', { required: true, maxLength: 80 })}</Field>
        <Field label="Kind">
          <select value={f.kind} onChange={(e) => set('kind', e.target.value as ChannelKind)}>
            {channelKinds.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </Field>
        <label className="notify-check">
          <input type="checkbox" checked={f.enabled} onChange={(e) => set('enabled', e.target.checked)} /> Enabled
        </label>
      </div>
      {f.kind === 'webhook' && (
        <div className="notify-form__grid">
          <Field label="URL" hint="Receives Alertmanager webhook JSON (version 4).">{text('url', { required: true, type: 'url', placeholder: 'https://receiver.example.com/alerts' })}</Field>
          <Field label="Signing secret" hint="X-Vigil-Signature: sha256=HMAC of the body.">{text('secret', { type: 'password', autoComplete: 'off', placeholder: stored('secret') })}</Field>
        </div>
      )}
      {(f.kind === 'slack' || f.kind === 'teams') && (
        <Field label="Incoming webhook URL" hint="The URL is the secret: it is stored and never shown again.">
          {text('url', { type: 'password', autoComplete: 'off', placeholder: stored('url') || 'https://hooks.slack.com/services/…' })}
        </Field>
      )}
      {f.kind === 'email' && (
        <div className="notify-form__grid">
          <Field label="SMTP host">{text('host', { required: true, placeholder: 'smtp.example.com' })}</Field>
          <Field label="Port">{text('port', { required: true, type: 'number', min: 1, max: 65535 })}</Field>
          <Field label="Security">
            <select value={f.security} onChange={(e) => set('security', e.target.value as ChannelFields['security'])}>
              <option value="starttls">STARTTLS (required)</option>
              <option value="tls">TLS from the start (465)</option>
              <option value="none">None (allow-listed relays only)</option>
            </select>
          </Field>
          <Field label="User name">{text('username', { autoComplete: 'off' })}</Field>
          <Field label="Password">{text('password', { type: 'password', autoComplete: 'off', placeholder: stored('password') })}</Field>
          <Field label="From">{text('from', { required: true, type: 'email' })}</Field>
          <Field label="To" hint="Comma-separated, up to 20.">{text('to', { required: true })}</Field>
        </div>
      )}
      {f.kind === 'smn' && (
        <div className="notify-form__grid">
          <Field label="SMN endpoint">{text('endpoint', { required: true })}</Field>
          <Field label="Project id">{text('projectId', { required: true })}</Field>
          <Field label="Topic URN">{text('topicUrn', { required: true, placeholder: 'urn:smn:eu-de:project:topic' })}</Field>
          <Field label="Access key (AK)">{text('accessKey', { autoComplete: 'off', placeholder: stored('accessKey') })}</Field>
          <Field label="Secret key (SK)">{text('secretKey', { type: 'password', autoComplete: 'off', placeholder: stored('secretKey') })}</Field>
        </div>
      )}
      <div className="notify-template">
        <div className="notify-template__editor">
          <Field label="Title template">{text('title', { maxLength: 300 })}</Field>
          <Field label="Body template" hint="Variables: {{ruleName}}, {{severity}}, {{status}}, {{summary}}, {{count}}, {{evidenceUrl}}, {{groupLabels.name}}; per alert inside {{#alerts}}…{{/alerts}}: {{labels.name}}, {{value}}, {{startsAt}}…">
            <textarea rows={8} value={f.body} onChange={(e) => set('body', e.target.value)} maxLength={4000} />
          </Field>
        </div>
        <TemplatePreview kind={f.kind} title={f.title} body={f.body} />
      </div>
      <div className="notify-form__actions">
        <Button type="submit" variant="primary" disabled={save.isPending || !auth.me?.multiFactor}>
          {save.isPending ? 'Saving…' : channel ? 'Save channel' : 'Create channel'}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {save.isError && <ErrorState title="Could not save the channel" error={save.error} />}
    </form>
  );
}
