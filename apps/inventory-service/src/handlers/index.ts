export { releaseStockHandler } from './release-stock-handler';
export { reserveStockHandler } from './reserve-stock-handler';
