export { registerStockRoutes } from './stock-routes';
