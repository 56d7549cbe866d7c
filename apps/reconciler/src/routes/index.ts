export { registerStatusRoutes } from './status-routes';
