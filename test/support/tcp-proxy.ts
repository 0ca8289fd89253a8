import { createServer, type Server, Socket } from 'node:net';

/**
 * A TCP proxy in front of a server (PostgreSQL) that a test can cut and restore, to see what the
 * app does while its database is unreachable. Cut, it destroys every open connection and stops
 * listening, so a new one is refused (ECONNREFUSED) at once, as by a server that went away. Cut silently, it is a network that drops
 * everything: connections stay open and new ones are accepted, but no byte gets through, so only
 * a deadline ends a wait. Restored, it forwards again (the silent cut's held connections are closed).
 */
export interface TcpProxy {
  /** The port to connect to instead of the target's. */
  port: number;
  cut(options?: { silently?: boolean }): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let isCut = false;
  let silent = false;
  const held = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (isCut) {
      if (!silent) client.destroy();
      else {
        held.add(client);
        client.on('error', () => {}).resume();
      }
      return;
    }
    const upstream = new Socket();
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    // Each chunk is forwarded only while the proxy is not cut: a silent cut drops it on the floor.
    client.on('data', (chunk) => {
      if (!isCut) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!isCut) client.write(chunk);
    });
    upstream.connect(target.port, target.host);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  const dropAll = () => {
    for (const socket of [...open, ...held]) socket.destroy();
    open.clear();
    held.clear();
  };
  await listen(0);
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('The proxy did not get a port');
  const { port } = address;
  return {
    port,
    async cut({ silently = false } = {}) {
      isCut = true;
      silent = silently;
      if (silently) return;
      const stopped = stopListening();
      dropAll();
      await stopped;
    },
    async restore() {
      // Connections that lived through a silent cut lost bytes both ways; nothing may reuse them.
      dropAll();
      isCut = false;
      if (!server.listening) await listen(port);
    },
    async close() {
      isCut = true;
      const stopped = stopListening();
      dropAll();
      await stopped;
    },
  };
}
