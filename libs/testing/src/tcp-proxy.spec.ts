import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { startTcpProxy, TcpProxy } from './tcp-proxy';

async function echoServer(): Promise<net.Server> {
  const server = net.createServer((socket) => socket.pipe(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

async function roundTrip(port: number, text: string): Promise<string> {
  const socket = net.connect({ host: '127.0.0.1', port });
  await once(socket, 'connect');
  socket.write(text);
  const [chunk] = await once(socket, 'data');
  socket.destroy();
  return String(chunk);
}

describe('startTcpProxy', () => {
  let target: net.Server;
  let proxy: TcpProxy;

  beforeEach(async () => {
    target = await echoServer();
    proxy = await startTcpProxy({ targetPort: (target.address() as net.AddressInfo).port });
  });
  afterEach(async () => {
    await proxy.close();
    target.close();
  });

  it('forwards bytes both ways', async () => {
    assert.equal(await roundTrip(proxy.port, 'hello'), 'hello');
  });

  it('drops open connections and refuses new ones when cut, then forwards again on the same port', async () => {
    const socket = net.connect({ host: '127.0.0.1', port: proxy.port });
    await once(socket, 'connect');
    const closed = once(socket, 'close');
    await proxy.cut();
    await closed;
    await assert.rejects(roundTrip(proxy.port, 'x'), /ECONNREFUSED/);
    const before = proxy.port;
    await proxy.restore();
    assert.equal(proxy.port, before);
    assert.equal(await roundTrip(proxy.port, 'back'), 'back');
  });
});
