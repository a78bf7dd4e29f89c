/**
 * Live receivers against a real Vigil process (index live): OTLP/HTTP JSON batches and TCP
 * syslog rates, counted by what /api/health says is committed; and end-to-end latency from a
 * single-line send until the line is found by the search API.
 *
 * Each rate is measured ROUNDS times into the same growing store, and the median is the figure:
 * these machines are shared, and one run of the same build varies by ±15% (measured). The
 * senders run on the same 2 cores as Vigil, so they are kept lean: node:http with keep-alive and
 * bodies encoded beforehand (fetch cost ~4 µs of CPU per line in the sender, node:http ~2.5).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openState } from '../../src/server/state/index.ts';

/** A rate measured in several rounds: the median and the spread. */
export interface Rate {
  median: number;
  runs: number[];
}

export interface ReceiverBench {
  lines: number;
  otlpJsonLinesPerSecond: Rate;
  syslogTcpLinesPerSecond: Rate;
  latency: { samples: number; p50Ms: number; p95Ms: number; maxMs: number };
}

const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;

const ROUNDS = 3;

function rateOf(runs: number[]): Rate {
  return { median: percentile([...runs].sort((a, b) => a - b), 0.5), runs };
}

/** POSTs a body and reads the response; resolves with the status and Retry-After. */
function post(agent: Agent, port: number, path: string, body: Buffer, token: string): Promise<{ status: number; retryAfter: number }> {
  return new Promise((done, fail) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${token}` } },
      (response) => {
        response.resume();
        response.on('end', () => done({ status: response.statusCode ?? 0, retryAfter: Number(response.headers['retry-after'] ?? 1) }));
        response.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

export async function runReceiverBench({ lines, log }: { lines: number; log: (m: string) => void }): Promise<ReceiverBench> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-bench-ingest-'));
  const [port, syslogPort] = [await freePort(), await freePort()];
  const origin = `http://127.0.0.1:${port}`;
  const state = openState(dir);
  const token = state.ingestTokens.create({ name: 'bench', groups: ['bench'], days: 1 }, 'bench').secret;
  const reader = state.tokens.create({ name: 'bench-reader', role: 'analyst', expiresInDays: 1 }, 'bench').secret;
  state.close();
  const vigil = spawn(process.execPath, [resolve(import.meta.dirname, '../../src/server/index.ts')], {
    env: { ...process.env, VIGIL_PORT: String(port), VIGIL_DATA_DIR: dir, VIGIL_SEED_DEMO: 'false', VIGIL_LOG_LEVEL: 'error', VIGIL_SYSLOG_TCP_PORT: String(syslogPort), VIGIL_SYSLOG_GROUP: 'bench', VIGIL_INGEST_RATE_PER_TOKEN: '0' },
    stdio: 'ignore',
  });
  const committed = async (receiver: string) => {
    const health = (await (await fetch(`${origin}/api/health`)).json()) as { ingest?: { receivers: { name: string; committed: number }[] } };
    return health.ingest?.receivers.find((r) => r.name === receiver)?.committed ?? 0;
  };
  try {
    for (let i = 0; i < 300 && !(await fetch(`${origin}/api/health`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 100));

    // OTLP/HTTP JSON: batches of 1,000 records, 4 requests in flight (as collectors send).
    const batch = 1_000;
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const otlpRound = async (round: number) => {
      const first = round * lines;
      const bodies = Array.from({ length: Math.ceil(lines / batch) }, (_, b) => Buffer.from(JSON.stringify({ resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'bench' } }, { key: 'host.name', value: { stringValue: `web-${b % 8}` } }] }, scopeLogs: [{ scope: { name: 'bench' }, logRecords: Array.from({ length: batch }, (_, i) => ({ timeUnixNano: `${BigInt(Date.now()) * 1_000_000n}`, severityNumber: 9, body: { stringValue: `GET /api/orders/${first + b * batch + i} 200 ${i % 97}ms user=u${i % 50} trace=${(first + b * batch + i).toString(16)}` }, attributes: [{ key: 'http.status_code', value: { intValue: '200' } }] })) }] }] })));
      log(`  OTLP/HTTP JSON, round ${round + 1} of ${ROUNDS}: ${lines.toLocaleString('en')} lines in batches of ${batch}…`);
      let next = 0;
      const started = performance.now();
      await Promise.all(Array.from({ length: 4 }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          for (;;) {
            const { status, retryAfter } = await post(agent, port, '/v1/logs', body, token);
            if (status === 200) break;
            if (status !== 429 && status !== 503) throw new Error(`OTLP request refused with ${status}`);
            await new Promise((r) => setTimeout(r, 1000 * retryAfter));
          }
        }
      }));
      return lines / ((performance.now() - started) / 1000);
    };
    const otlpRuns: number[] = [];
    for (let round = 0; round < ROUNDS; round++) otlpRuns.push(await otlpRound(round));
    agent.destroy();

    // TCP syslog: RFC 5424, octet counting, 4 connections.
    const syslogRound = async (round: number) => {
      log(`  TCP syslog, round ${round + 1} of ${ROUNDS}: ${lines.toLocaleString('en')} lines over 4 connections…`);
      const before = await committed('syslog-tcp');
      const started = performance.now();
      await Promise.all(Array.from({ length: 4 }, (_, c) => new Promise<void>((done, fail) => {
        const socket = connect(syslogPort, '127.0.0.1', () => {
          const frames: string[] = [];
          for (let i = c; i < lines; i += 4) {
            const msg = `<134>1 ${new Date().toISOString()} web-${i % 8} nginx ${1000 + c} - - 10.0.${c}.${i % 250} - - "GET /static/app.${round * lines + i}.js HTTP/1.1" 200 ${i % 9000}`;
            frames.push(`${Buffer.byteLength(msg)} ${msg}`);
            if (frames.length === 1000) socket.write(frames.splice(0).join(''));
          }
          socket.end(frames.join(''));
        });
        socket.on('close', () => done());
        socket.on('error', fail);
        socket.resume();
      })));
      while ((await committed('syslog-tcp')) < before + lines) await new Promise((r) => setTimeout(r, 50));
      return lines / ((performance.now() - started) / 1000);
    };
    const syslogRuns: number[] = [];
    for (let round = 0; round < ROUNDS; round++) syslogRuns.push(await syslogRound(round));

    // End to end: one line sent, then searched for until found.
    log('  end-to-end latency: 40 single-line sends, each searched for until found…');
    const samples: number[] = [];
    for (let i = 0; i < 40; i++) {
      const word = `e2eprobe${i}x${Date.now().toString(36)}`;
      const t0 = performance.now();
      const body = JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: `latency ${word}` } }] }] }] });
      await (await fetch(`${origin}/v1/logs`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } })).arrayBuffer();
      for (;;) {
        const url = `${origin}/api/logs/search?q=${word}&from=${Date.now() - 3_600_000}&to=${Date.now() + 60_000}&limit=1`;
        const page = (await (await fetch(url, { headers: { authorization: `Bearer ${reader}` } })).json()) as { lines: unknown[] };
        if (page.lines.length > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    return {
      lines,
      otlpJsonLinesPerSecond: rateOf(otlpRuns),
      syslogTcpLinesPerSecond: rateOf(syslogRuns),
      latency: { samples: samples.length, p50Ms: percentile(samples, 0.5), p95Ms: percentile(samples, 0.95), maxMs: samples.at(-1)! },
    };
  } finally {
    vigil.kill('SIGTERM');
    await new Promise((r) => vigil.once('exit', r));
    await rm(dir, { recursive: true, force: true });
  }
}
