export { startTcpProxy } from './tcp-proxy';
export type { TcpProxy, TcpProxyOptions } from './tcp-proxy';
export { startAppProcess, runAppProcessToExit, workspaceRoot, type AppProcess, type AppProcessOptions, type ProcessExit } from './process';
export { httpGet, pollHttp, type HttpResult, type PollOptions } from './http';
export { waitFor, type WaitForOptions } from './wait-for';
export { deleteBrokerNamespace } from './broker-namespace';
export { buildApps, builtEntry, workerNodeFlags } from './build';
export { seededRandom } from './seeded-random';
export { brokerTls, generateUnrelatedCa, brokerConnectionsNamed, type BrokerTlsSetup } from './broker-tls';
