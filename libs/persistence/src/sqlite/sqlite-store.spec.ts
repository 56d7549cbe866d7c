import { describeStoreContract } from '../testing';
import { createSqliteStore } from './sqlite-store';

describeStoreContract('sqlite :memory:', () => createSqliteStore({ file: ':memory:' }), { durable: false });
