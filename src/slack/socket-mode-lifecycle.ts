import { Server } from 'node:http';
import { type App, SocketModeReceiver } from '@slack/bolt';

interface SocketModeParts {
  client: SocketModeReceiver['client'];
  /** Serves the custom routes (/healthz) on installerOptions.port. */
  httpServer: Server | undefined;
}

/**
 * Bolt keeps its receiver private, and the Socket Mode receiver keeps its HTTP server private;
 * start() and stop() need that server and the socket client. Undefined in HTTP mode.
 */
export function socketModeParts(app: App): SocketModeParts | undefined {
  const receiver: unknown = (app as unknown as { receiver?: unknown }).receiver;
  if (!(receiver instanceof SocketModeReceiver)) return undefined;
  const httpServer: unknown = (receiver as unknown as { httpServer?: unknown }).httpServer;
  return { client: receiver.client, httpServer: httpServer instanceof Server ? httpServer : undefined };
}

/** Bolt's receiver returns before the socket's close handshake and the server's close are done; this waits for both. */
export async function stopSocketMode(app: App, { client, httpServer }: SocketModeParts): Promise<void> {
  if (httpServer && !httpServer.listening) {
    // It never listened (its port was taken); Bolt's stop() would log that it could not close it.
    await client.disconnect();
    return;
  }
  const disconnected = new Promise<void>((resolve) => client.once('disconnected', () => resolve()));
  const closed = httpServer
    ? new Promise<void>((resolve) => httpServer.once('close', () => resolve()))
    : Promise.resolve();
  await app.stop();
  await Promise.all([disconnected, closed]);
}

export function portOf(server: Server, fallback: number): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : fallback;
}

/** Resolves with the port once the server listens; rejects when it cannot (the port is taken). */
function whenListening(server: Server, fallback: number): Promise<number> {
  if (server.listening) return Promise.resolve(portOf(server, fallback));
  return new Promise((resolve, reject) => {
    const onListening = (): void => {
      server.off('error', onError);
      resolve(portOf(server, fallback));
    };
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    server.once('listening', onListening);
    server.once('error', onError);
  });
}

/**
 * Starts Socket Mode and resolves with the /healthz port. Bolt calls listen() on that server without
 * waiting, and without an error listener a port in use would crash the process instead of failing.
 */
export async function startSocketMode(app: App, socket: SocketModeParts, fallbackPort: number): Promise<number | null> {
  const listening = socket.httpServer ? whenListening(socket.httpServer, fallbackPort) : Promise.resolve(null);
  const connected = app.start();
  try {
    const [, port] = await Promise.all([connected, listening]);
    return port;
  } catch (error) {
    // A socket still connecting would connect after a stop, so let it settle first.
    await connected.catch(() => {});
    await stopSocketMode(app, socket).catch(() => {});
    throw error;
  }
}
