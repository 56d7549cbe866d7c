// Is a broker up on host:port? Used by the single-node and the cluster starters before and after starting nodes.
import net from 'node:net';

/** Speaks the first bytes of AMQP 0-9-1: a broker that is up answers the protocol header with a Connection.Start frame. */
export function amqpAnswers(host, port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write(Buffer.from('AMQP\x00\x00\x09\x01', 'latin1')));
    socket.once('data', (chunk) => done(chunk[0] === 1));
  });
}
