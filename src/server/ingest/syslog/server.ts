/**
 * Syslog listeners: UDP, TCP and TLS (optionally requiring client certificates), each only when
 * its port is configured. Senders must be on the address allow-list (TLS: or present a
 * certificate the configured CA signed). TCP reading pauses while the ingest queue is full, and
 * a connection is closed from Vigil's side only after everything it sent is committed.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { BlockList, createServer, isIPv6, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import type { Logger } from '../../logger.ts';
import type { SyslogConfig } from '../config.ts';
import { normalizeRecord } from '../pipeline/normalize.ts';
import { QueueFullError, type IngestEntry, type IngestQueue } from '../pipeline/queue.ts';
import { MAX_FRAME_BYTES, SyslogFramer } from './framing.ts';
import { parseSyslog } from './parse.ts';
import { SyslogRouter } from './routing.ts';
import { UdpLossTracker } from './udp-loss.ts';

export interface SyslogListeners {
  /** Bound ports (useful when 0 was configured). */
  ports: { tcp?: number; udp?: number; tls?: number };
  close(): Promise<void>;
}

export function allowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const type = isIPv6(address!) ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(bits), type);
  }
  return list;
}

function allowed(list: BlockList, address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return list.check(plain, isIPv6(plain) ? 'ipv6' : 'ipv4');
}

const HANDSHAKE_TIMEOUT_MS = 10_000;

export async function startSyslog(config: SyslogConfig, queue: IngestQueue, logger: Logger, now: () => number = Date.now): Promise<SyslogListeners> {
  const router = new SyslogRouter(config.group, config.stream, config.routes);
  const allow = allowList(config.allow);
  const closers: (() => Promise<void>)[] = [];
  const ports: SyslogListeners['ports'] = {};

  const toEntry = (receiver: string, frame: string, address: string): IngestEntry & { sequenceId: number | null; host: string } => {
    const metrics = queue.metricsOf(receiver);
    const message = parseSyslog(frame, address, now());
    if (message.malformed) metrics.malformed++;
    const { group, stream } = router.route({ host: message.host, app: message.app, facility: message.facility, address });
    return { group, stream, line: normalizeRecord(message.record, now(), metrics), sequenceId: message.sequenceId, host: message.host };
  };

  const onStream = (receiver: string, socket: Socket | TLSSocket) => {
    const metrics = queue.metricsOf(receiver);
    const address = socket.remoteAddress ?? '';
    const framer = new SyslogFramer();
    const inFlight = new Set<Promise<unknown>>();
    const submit = (frames: Buffer[]) => {
      if (frames.length === 0) return;
      const entries = frames.map((f) => toEntry(receiver, f.toString('utf8'), address));
      metrics.received += entries.length;
      const attempt = (): Promise<unknown> =>
        queue.submit(receiver, entries).catch(async (error: unknown) => {
          if (!(error instanceof QueueFullError)) throw error;
          // Back-pressure: stop reading this sender until the queue has room, then retry.
          socket.pause();
          await queue.waitForRoom();
          socket.resume();
          return attempt();
        });
      const done = attempt().catch((error: unknown) => {
        logger.error('syslog: lines could not be committed; closing the connection so the sender resends', { receiver, message: (error as Error).message });
        socket.destroy();
      });
      inFlight.add(done);
      void done.finally(() => inFlight.delete(done));
    };
    socket.on('data', (chunk: Buffer) => {
      const frames = framer.push(chunk);
      submit(frames);
      if (framer.cut > 0) {
        metrics.truncated += framer.cut;
        framer.cut = 0;
      }
    });
    socket.on('end', () => {
      const last = framer.end();
      if (last) submit([last]);
      // Half-close only after the sender's lines are durable.
      void Promise.allSettled([...inFlight]).then(() => socket.end());
    });
    socket.on('error', (error) => logger.debug('syslog: connection error', { receiver, message: error.message }));
  };

  const listen = async (server: Server, port: number, name: string) => {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, config.host, () => resolve());
    });
    const bound = (server.address() as { port: number }).port;
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    logger.info('syslog: listening', { receiver: name, host: config.host, port: bound });
    return bound;
  };

  if (config.tcpPort !== undefined) {
    // allowHalfOpen: Vigil ends its side only once the sender's lines are committed (see onStream).
    const server = createServer({ allowHalfOpen: true }, (socket) => {
      if (!allowed(allow, socket.remoteAddress)) {
        queue.metricsOf('syslog-tcp').reject('forbidden_sender', 1);
        socket.destroy();
        return;
      }
      onStream('syslog-tcp', socket);
    });
    ports.tcp = await listen(server, config.tcpPort, 'syslog-tcp');
  }
  if (config.tlsPort !== undefined && config.tls) {
    // A sender that gives up after our certificate (TLS 1.3: it distrusts it and closes) is never
    // seen by the TLS layer with allowHalfOpen; the handshake deadline is what frees its socket
    // (Node's default is 2 minutes, and close() waits for it).
    const ca = config.tls.ca ? readFileSync(config.tls.ca) : undefined;
    const server = createTlsServer(
      { allowHalfOpen: true, handshakeTimeout: HANDSHAKE_TIMEOUT_MS, cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key), ...(ca ? { ca, requestCert: true, rejectUnauthorized: true } : {}) },
      (socket) => {
        // With a CA, a verified client certificate is the credential; without, the allow-list.
        if (!(ca ? socket.authorized : allowed(allow, socket.remoteAddress))) {
          socket.destroy();
          return;
        }
        onStream('syslog-tls', socket);
      },
    );
    ports.tls = await listen(server, config.tlsPort, 'syslog-tls');
  }
  if (config.udpPort !== undefined) {
    const { port, close } = await startUdp(config, queue, allow, toEntry, logger);
    ports.udp = port;
    closers.push(close);
  }
  return { ports, close: async () => void (await Promise.all(closers.map((c) => c()))) };
}

type ToEntry = (receiver: string, frame: string, address: string) => IngestEntry & { sequenceId: number | null; host: string };

async function startUdp(config: SyslogConfig, queue: IngestQueue, allow: BlockList, toEntry: ToEntry, logger: Logger) {
  const receiver = 'syslog-udp';
  const metrics = queue.metricsOf(receiver);
  metrics.sequenceGaps = 0;
  metrics.kernelDrops = 0;
  const socket: UdpSocket = createSocket({ type: isIPv6(config.host) ? 'udp6' : 'udp4', recvBufferSize: 8 * 1024 * 1024 });
  let pending: IngestEntry[] = [];
  let scheduled = false;
  const loss = new UdpLossTracker();
  // Datagrams arriving in the same turn of the event loop go to the queue as one submission.
  const flush = () => {
    scheduled = false;
    const entries = pending;
    pending = [];
    queue.submit(receiver, entries).catch(() => {
      // UDP has no way to ask for a resend: the loss is counted (queue_full / store_error).
    });
  };
  socket.on('message', (data, rinfo) => {
    if (!allowed(allow, rinfo.address)) return;
    const entry = toEntry(receiver, data.subarray(0, MAX_FRAME_BYTES).toString('utf8'), rinfo.address);
    metrics.received++;
    metrics.sequenceGaps = loss.note(entry.host, entry.sequenceId);
    pending.push(entry);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(config.udpPort, config.host, () => resolve());
  });
  const port = socket.address().port;
  const timer = setInterval(() => {
    const drops = loss.kernelDrops(port);
    if (drops !== null) metrics.kernelDrops = drops;
  }, 2_000);
  timer.unref();
  logger.info('syslog: listening', { receiver, host: config.host, port });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        socket.close(() => resolve());
      }),
  };
}
