/**
 * Raw socket delivery for GELF and syslog CEF. Every connection goes to the address the outbound
 * client resolved and checked (never the name, which could resolve differently a moment later).
 *
 * TCP and TLS: one connection per batch; after the last frame we half-close and wait for the
 * receiver to close its side. A receiver closes after it has read everything we sent, so a clean
 * close is the acknowledgement; a reset, a timeout or an error means the batch is sent again.
 * UDP has no acknowledgement: a batch counts as delivered once the datagrams left this machine.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import tls from 'node:tls';
import { OutboundError, type OutboundClient } from '../outbound/client.ts';

export interface StreamTarget {
  host: string;
  port: number;
  tls?: { caPem?: string | undefined } | undefined;
  timeoutMs: number;
}

export async function sendStream(client: OutboundClient, target: StreamTarget, frames: readonly Buffer[]): Promise<void> {
  const resolved = await client.resolveSocket(target.host, target.port);
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const done = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error instanceof OutboundError ? error : new OutboundError('network', `${(error as NodeJS.ErrnoException).code ?? 'error'}: ${error.message}`, { retryable: true }));
      else resolve();
    };
    const onConnect = () => {
      for (const frame of frames) socket.write(frame);
      socket.end();
    };
    const socket: net.Socket = target.tls
      ? tls.connect({
          host: resolved.address,
          port: resolved.port,
          // The certificate is checked against the name the admin entered, not the address.
          servername: net.isIP(target.host) ? undefined : target.host,
          checkServerIdentity: (_host, cert) => tls.checkServerIdentity(target.host, cert),
          ...(target.tls.caPem ? { ca: target.tls.caPem } : {}),
        }, onConnect)
      : net.connect({ host: resolved.address, port: resolved.port }, onConnect);
    const timer = setTimeout(() => done(new OutboundError('timeout', `${target.host}:${target.port} did not take the batch within ${target.timeoutMs} ms`, { retryable: true })), target.timeoutMs);
    socket.on('error', (error) => done(error));
    socket.on('data', () => undefined); // receivers may talk back; drain it so the close arrives
    socket.on('close', (hadError) => (hadError ? done(new Error('the connection closed with an error')) : socket.writableFinished ? done() : done(new Error('the receiver closed before it had read the batch'))));
  });
}

export async function sendDatagrams(client: OutboundClient, host: string, port: number, datagrams: readonly Buffer[]): Promise<void> {
  const resolved = await client.resolveSocket(host, port);
  const socket = dgram.createSocket(resolved.family === 6 ? 'udp6' : 'udp4');
  try {
    for (const datagram of datagrams) {
      await new Promise<void>((resolve, reject) => socket.send(datagram, resolved.port, resolved.address, (error) => (error ? reject(error) : resolve())));
    }
  } catch (error) {
    throw new OutboundError('network', `UDP send to ${host}:${port} failed: ${(error as Error).message}`, { retryable: true });
  } finally {
    socket.close();
  }
}
