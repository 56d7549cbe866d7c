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

  it('accepts a start hook and refuses one that is not a function', () => {
    validateDefinition({ service: 'order-view', defaultPort: 3001, start: () => undefined });
    assert.throws(() => validateDefinition({ service: 'order-view', defaultPort: 3001, start: 'sweeper' as never }), /start must be a function/);
  });

  for (const retired of ['onStart', 'onStop']) {
    it(`refuses the retired ${retired} hook, naming start instead`, () => {
      const definition = { service: 'order-view', defaultPort: 3001, [retired]: () => undefined };
      assert.throws(() => validateDefinition(definition), new RegExp(`${retired} is gone; use start\\(context\\) and return its stop`));
    });
  }
});
