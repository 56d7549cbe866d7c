import assert from 'node:assert/strict';
import { validateDefinition } from './validate-definition';

describe('validateDefinition', () => {
  it('accepts a kebab-case service with a port', () => {
    validateDefinition({ service: 'order-view', defaultPort: 3001 });
  });

  for (const [service, defaultPort, expected] of [
    ['Order_Service', 3000, /service must be lower-case kebab-case, got "Order_Service"/],
    ['', 3000, /service must be lower-case kebab-case/],
    ['order-service', 0, /defaultPort must be an integer 1–65535, got 0/],
    ['order-service', 3000.5, /defaultPort must be an integer/],
  ] as const) {
    it(`refuses service=${JSON.stringify(service)} defaultPort=${defaultPort}`, () => {
      assert.throws(() => validateDefinition({ service, defaultPort }), expected);
    });
  }
});
