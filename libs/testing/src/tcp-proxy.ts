import net from 'node:net';

/** A loopback TCP proxy a test can cut and restore, to play a network failure between a client and a server. */
export interface TcpProxy {
  /** The loopback port clients should connect to. */
  readonly port: number;
  /** Destroys every open connection and refuses new ones until `restore()`. */
  cut(): Promise<void>;
  /** Accepts and forwards connections again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
  /** How many client connections are open right now. */
  openConnections(): number;
}

export interface TcpProxyOptions {
  targetPort: number;
  /** Default 127.0.0.1. */
  targetHost?: string;
  /** Default 0: the OS picks a free port (then kept across cut/restore). */
  port?: number;
}

export async function startTcpProxy(options: TcpProxyOptions): Promise<TcpProxy> {
  const targetHost = options.targetHost ?? '127.0.0.1';
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = options.port ?? 0;

  const forward = (client: net.Socket) => {
    const upstream = net.connect({ host: targetHost, port: options.targetPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = net.createServer(forward);
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        port = (next.address() as net.AddressInfo).port;
        server = next;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (!server) return resolve();
      const closing = server;
      server = undefined;
      closing.close(() => resolve());
    });

  await listen();
  return {
    get port() {
      return port;
    },
    cut: stop,
    restore: async () => {
      if (!server) await listen();
    },
    close: stop,
    openConnections: () => sockets.size / 2,
  };
}
