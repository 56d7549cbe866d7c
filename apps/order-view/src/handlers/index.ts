export { orderViewHandlers } from './order-view-handlers';
