export { startTcpProxy } from './tcp-proxy';
export type { TcpProxy, TcpProxyOptions } from './tcp-proxy';
