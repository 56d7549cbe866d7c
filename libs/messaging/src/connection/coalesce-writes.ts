import type { ChannelModel } from 'amqplib';

interface CorkableStream {
  write(...args: unknown[]): boolean;
  cork(): void;
  uncork(): void;
}

/**
 * amqplib writes every frame to the socket on its own, and each write of a `noDelay` socket is a system call of
 * its own: under load that is one call per publish and per ack. Corking the socket at its first write of a tick and
 * uncorking on the next tick hands the kernel everything written meanwhile in one `writev`, without delaying any
 * frame past the current tick (so latency and `noDelay` stay as they were). Only the socket's public cork/uncork are
 * used; amqplib keeps the socket as `connection.stream`, and without one (another amqplib layout) nothing changes.
 */
export function coalesceSocketWrites(model: ChannelModel): boolean {
  const stream = (model as unknown as { connection?: { stream?: Partial<CorkableStream> } }).connection?.stream;
  if (!stream || typeof stream.write !== 'function' || typeof stream.cork !== 'function' || typeof stream.uncork !== 'function') return false;
  const socket = stream as CorkableStream;
  const write = socket.write.bind(socket);
  let corked = false;
  const uncork = (): void => {
    corked = false;
    socket.uncork();
  };
  socket.write = (...args: unknown[]): boolean => {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return write(...args);
  };
  return true;
}
