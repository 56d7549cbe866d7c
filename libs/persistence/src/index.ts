export type * from './store';
