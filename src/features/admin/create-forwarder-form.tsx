import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { createForwarderSchema } from '../../contract/schemas/forwarders.ts';
import { useAuth } from '../../lib/auth-context.ts';
import { createForwarder } from './api.ts';

type Format = 'hec' | 'gelf' | 'cef';
const list = (text: string) => text.split(',').map((v) => v.trim()).filter(Boolean);

/** A new forwarder: what to send (a log query or CTS traces), where, in which format. */
export function CreateForwarderForm() {
  const auth = useAuth();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [format, setFormat] = useState<Format>('hec');
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [index, setIndex] = useState('');
  const [ack, setAck] = useState(false);
  const [host, setHost] = useState('');
  const [port, setPort] = useState('');
  const [transport, setTransport] = useState('tcp');
  const [caPem, setCaPem] = useState('');
  const [kind, setKind] = useState<'logs' | 'traces'>('logs');
  const [query, setQuery] = useState('');
  const [streams, setStreams] = useState('');
  const [services, setServices] = useState('');
  const [ratings, setRatings] = useState('');
  const [backfillHours, setBackfillHours] = useState('0');
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: createForwarder,
    onSuccess: () => {
      setName('');
      setToken('');
      void queryClient.invalidateQueries({ queryKey: ['admin', 'forwarders'] });
    },
  });

  const destination = () => {
    if (format === 'hec') return { format, url, ack, ...(token ? { token } : {}), ...(index ? { index } : {}) };
    if (format === 'gelf') return { format, host, port: Number(port), transport };
    return { format, host, port: Number(port), transport, ...(transport === 'tls' && caPem.trim() ? { caPem } : {}) };
  };
  const source = () =>
    kind === 'logs' ? { kind, query, streams: list(streams) } : { kind, service_type: list(services), trace_rating: list(ratings) };

  return (
    <form
      className="token-form forward-form"
      aria-label="Create a forwarder"
      onSubmit={(event) => {
        event.preventDefault();
        const hours = Number(backfillHours);
        const parsed = createForwarderSchema.safeParse({ name, source: source(), destination: destination(), ...(hours > 0 ? { startAt: Date.now() - hours * 3_600_000 } : {}) });
        if (!parsed.success) {
          setProblem(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'form'}: ${issue.message}`).join('; '));
          return;
        }
        setProblem(null);
        create.mutate(parsed.data);
      }}
    >
      <fieldset className="forward-form__group">
        <legend>Destination</legend>
        <label className="filter-bar__field">
          <span>Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Splunk SOC" required maxLength={64} />
        </label>
        <label className="filter-bar__field">
          <span>Format</span>
          <select value={format} onChange={(e) => { const next = e.target.value as Format; setFormat(next); setTransport(next === 'gelf' ? 'udp' : 'tcp'); }}>
            <option value="hec">Splunk HEC</option>
            <option value="gelf">Graylog GELF</option>
            <option value="cef">Syslog CEF (ArcSight)</option>
          </select>
        </label>
        {format === 'hec' ? (
          <>
            <label className="filter-bar__field">
              <span>HEC URL</span>
              <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://splunk.example.com:8088" required />
            </label>
            <label className="filter-bar__field">
              <span>HEC token (write-only)</span>
              <input type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} required />
            </label>
            <label className="filter-bar__field">
              <span>Index (optional)</span>
              <input value={index} onChange={(e) => setIndex(e.target.value)} placeholder="e.g. otc" />
            </label>
            <label className="forward-form__check">
              <input type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} /> Indexer acknowledgement
            </label>
          </>
        ) : (
          <>
            <label className="filter-bar__field">
              <span>Host</span>
              <input value={host} onChange={(e) => setHost(e.target.value)} placeholder={format === 'gelf' ? 'graylog.example.com' : 'siem.example.com'} required />
            </label>
            <label className="filter-bar__field">
              <span>Port</span>
              <input type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} placeholder={format === 'gelf' ? '12201' : '6514'} required />
            </label>
            <label className="filter-bar__field">
              <span>Transport</span>
              <select value={transport} onChange={(e) => setTransport(e.target.value)}>
                {(format === 'gelf' ? ['udp', 'tcp'] : ['tcp', 'tls']).map((t) => (
                  <option key={t} value={t}>
                    {t.toUpperCase()}
                  </option>
                ))}
              </select>
            </label>
            {format === 'cef' && transport === 'tls' && (
              <label className="filter-bar__field forward-form__wide">
                <span>CA certificate (PEM, optional: else the system&apos;s CAs)</span>
                <textarea rows={3} value={caPem} onChange={(e) => setCaPem(e.target.value)} />
              </label>
            )}
          </>
        )}
      </fieldset>
      <fieldset className="forward-form__group">
        <legend>Source</legend>
        <label className="filter-bar__field">
          <span>Send</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as 'logs' | 'traces')}>
            <option value="logs">Log lines matching a query</option>
            <option value="traces">CTS audit traces</option>
          </select>
        </label>
        {kind === 'logs' ? (
          <>
            <label className="filter-bar__field forward-form__wide">
              <span>Query (empty: every line)</span>
              <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder='e.g. level:ERROR OR "Failed password"' />
            </label>
            <label className="filter-bar__field">
              <span>Streams (group or group/stream, comma-separated; empty: all)</span>
              <input value={streams} onChange={(e) => setStreams(e.target.value)} placeholder="ecs-prod/auth, network" />
            </label>
          </>
        ) : (
          <>
            <label className="filter-bar__field">
              <span>Services (comma-separated; empty: all)</span>
              <input value={services} onChange={(e) => setServices(e.target.value)} placeholder="IAM, CTS, KMS" />
            </label>
            <label className="filter-bar__field">
              <span>Ratings (comma-separated; empty: all)</span>
              <input value={ratings} onChange={(e) => setRatings(e.target.value)} placeholder="warning, incident" />
            </label>
          </>
        )}
        <label className="filter-bar__field">
          <span>Start from</span>
          <select value={backfillHours} onChange={(e) => setBackfillHours(e.target.value)}>
            <option value="0">now (only what arrives from now on)</option>
            <option value="1">1 hour ago</option>
            <option value="24">24 hours ago</option>
            <option value="168">7 days ago</option>
          </select>
        </label>
      </fieldset>
      <Button type="submit" variant="primary" disabled={create.isPending || !auth.me?.multiFactor}>
        {create.isPending ? 'Creating…' : 'Create forwarder'}
      </Button>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {create.isError && <ErrorState title="Could not create the forwarder" error={create.error} />}
    </form>
  );
}
