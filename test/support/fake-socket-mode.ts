import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A local stand-in for Slack's Socket Mode backend, so tests drive the real SocketModeClient that
 * Bolt runs (over a real WebSocket) the way the HTTP tests drive its HTTP receiver.
 *
 * What @slack/socket-mode expects, and what this fake does:
 * - apps.connections.open answers a fresh single-use URL; `newConnectionUrl()` issues one (wire it
 *   into the fake Web API with `fakeSlack.serveSocketMode(...)`). A URL whose ticket was not issued,
 *   or was already used, is refused at the upgrade, as Slack refuses a stale one.
 * - On connect Slack sends `{ type: 'hello' }`; the client's start() resolves only then.
 * - Each delivery is an envelope `{ envelope_id, type, payload, accepts_response_payload }`; the app
 *   acknowledges with `{ envelope_id, payload }` (payload `{}` for a bare ack()).
 * - The client pings every clientPingTimeout/3 and drops the connection when pongs stop; `ws`
 *   answers pings by itself. It watches for the server's pings only after the first one arrives,
 *   so this fake sends none and no test can trip that timer.
 * - `{ type: 'disconnect' }` makes the client close and, with auto-reconnect on, open a new
 *   connection after a delay (clientPingTimeout, 5 s by default).
 */

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface SocketEnvelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export interface SocketAck {
  envelope_id: string;
  /** What the app put in its ack: `{}` for a bare ack(), `{ response_action, errors }` for field errors… */
  payload: Record<string, unknown> | undefined;
  /** Date.now() when the ack arrived. */
  at: number;
}

export interface SendOptions {
  /** Slack's own default follows the payload (see acceptsResponsePayload); a test may force it. */
  acceptsResponsePayload?: boolean;
  /** How long to wait for the ack: 10 s unless told. Slack gives up after 3 s; waiting longer keeps a slow machine from passing for a missing ack. */
  timeoutMs?: number;
}

export interface FakeSocketMode {
  /** A fresh single-use URL for apps.connections.open to answer. */
  newConnectionUrl(): string;
  /** Connections opened (and greeted with hello) so far, closed ones included. */
  readonly connectionCount: number;
  /** Resolves once `count` connections (1 unless told) have been opened and greeted. */
  waitForConnection(options?: { count?: number; timeoutMs?: number }): Promise<void>;
  /** Sends an envelope over the newest open connection and resolves with its ack. */
  send(type: EnvelopeType, payload: Record<string, unknown>, options?: SendOptions): Promise<SocketAck>;
  /** Every envelope sent, oldest first. */
  envelopes: SocketEnvelope[];
  /** Every ack received, oldest first: a test can check that each envelope was acked exactly once. */
  acks: SocketAck[];
  /** Messages from the app that were not acks (not JSON, or without an envelope_id). */
  strayMessages: string[];
  /** Tells the app to reconnect, as Slack does before it recycles a connection. */
  requestReconnect(reason?: 'warning' | 'refresh_requested'): void;
  /** Closes every connection and the server; envelopes still waiting for an ack are rejected. */
  close(): Promise<void>;
}

const APP_ID = 'A0APP';

/** Slack asks for a response payload where one can change what the user sees. */
function acceptsResponsePayload(type: EnvelopeType, payload: Record<string, unknown>): boolean {
  if (type === 'slash_commands') return true;
  if (type === 'interactive') return payload.type === 'view_submission' || payload.type === 'block_suggestion';
  return false;
}

interface PendingAck {
  resolve(ack: SocketAck): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const issuedTickets = new Set<string>();
  const open: WebSocket[] = [];
  const pending = new Map<string, PendingAck>();
  const connectionWaiters = new Set<() => void>();
  const envelopes: SocketEnvelope[] = [];
  const acks: SocketAck[] = [];
  const strayMessages: string[] = [];
  let connectionCount = 0;

  const server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('fake Socket Mode speaks WebSocket only');
  });
  const wss = new WebSocketServer({ noServer: true });

  server.on('upgrade', (req, socket, head) => {
    const ticket = new URL(req.url ?? '/', 'http://fake').searchParams.get('ticket') ?? '';
    if (!issuedTickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });

  function onMessage(data: Buffer): void {
    const raw = data.toString('utf8');
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      strayMessages.push(raw);
      return;
    }
    const envelopeId = (message as { envelope_id?: unknown } | null)?.envelope_id;
    if (typeof envelopeId !== 'string') {
      strayMessages.push(raw);
      return;
    }
    const ack: SocketAck = {
      envelope_id: envelopeId,
      payload: (message as { payload?: Record<string, unknown> }).payload,
      at: Date.now(),
    };
    acks.push(ack);
    const waiting = pending.get(envelopeId);
    if (!waiting) return;
    pending.delete(envelopeId);
    clearTimeout(waiting.timer);
    waiting.resolve(ack);
  }

  wss.on('connection', (ws) => {
    open.push(ws);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) strayMessages.push(data.toString('base64'));
      else onMessage(data);
    });
    ws.on('close', () => {
      const index = open.indexOf(ws);
      if (index >= 0) open.splice(index, 1);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: open.length,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18_060 },
        connection_info: { app_id: APP_ID },
      }),
    );
    connectionCount += 1;
    for (const notify of [...connectionWaiters]) notify();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    envelopes,
    acks,
    strayMessages,

    get connectionCount() {
      return connectionCount;
    },

    newConnectionUrl() {
      const ticket = randomBytes(16).toString('hex');
      issuedTickets.add(ticket);
      return `ws://127.0.0.1:${port}/link/?ticket=${ticket}&app_id=${APP_ID}`;
    },

    waitForConnection({ count = 1, timeoutMs = 10_000 } = {}) {
      if (connectionCount >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const listener = (): void => {
          if (connectionCount < count) return;
          clearTimeout(timer);
          connectionWaiters.delete(listener);
          resolve();
        };
        const timer = setTimeout(() => {
          connectionWaiters.delete(listener);
          reject(new Error(`fake Socket Mode: ${connectionCount} of ${count} connection(s) within ${timeoutMs}ms`));
        }, timeoutMs);
        connectionWaiters.add(listener);
      });
    },

    send(type, payload, options = {}) {
      const ws = open.at(-1);
      if (!ws) return Promise.reject(new Error('fake Socket Mode: no app is connected'));
      const envelope: SocketEnvelope = {
        envelope_id: randomUUID(),
        type,
        payload,
        accepts_response_payload: options.acceptsResponsePayload ?? acceptsResponsePayload(type, payload),
        ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
      };
      envelopes.push(envelope);
      const timeoutMs = options.timeoutMs ?? 10_000;
      return new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelope.envelope_id);
          reject(
            new Error(`fake Socket Mode: no ack for ${type} envelope ${envelope.envelope_id} within ${timeoutMs}ms`),
          );
        }, timeoutMs);
        pending.set(envelope.envelope_id, { resolve, reject, timer });
        ws.send(JSON.stringify(envelope), (error) => {
          if (!error) return;
          clearTimeout(timer);
          pending.delete(envelope.envelope_id);
          reject(error);
        });
      });
    },

    requestReconnect(reason = 'refresh_requested') {
      for (const ws of open) {
        ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake' } }));
      }
    },

    async close() {
      for (const [id, waiting] of pending) {
        clearTimeout(waiting.timer);
        waiting.reject(new Error(`fake Socket Mode closed before envelope ${id} was acked`));
      }
      pending.clear();
      for (const ws of [...open]) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
