import assert from 'node:assert/strict';
import { latestSchemas } from './catalogue';
import { createEvent } from './create-event';
import { edgesOf } from './edges';
import type { AnyEvent } from './envelope';
import { examplesOf } from './examples';
import type { EventMap, EventType } from './generated/event-map.generated';
import { emittedBy, ServiceManifest } from './manifest';
import { defaultValidator, EventValidator } from './validate-event';

/** Builds what a producer really emits from an example payload, e.g. by running its handler. */
export type ProducerSample = (example: EventMap[EventType]) => AnyEvent | Promise<AnyEvent>;

/** Runs a consumer's own input handling on an event; throws (or rejects) to fail the edge. */
export type ConsumerCheck = (event: AnyEvent) => void | Promise<void>;

export interface ContractTestOptions {
  /** Per producer service and event: its real output. Default: `createEvent(event, example, { source: producer })`. */
  producerSamples?: Record<string, Partial<Record<EventType, ProducerSample>>>;
  /** Per consumer service: extra checks after `validateEvent` accepted the event. Default: none. */
  consumerChecks?: Record<string, ConsumerCheck>;
  /** Default: the shared production validator, the one consumers really run. */
  validator?: EventValidator;
}

/**
 * Declares mocha tests for every producer → event → consumer edge of `manifests`, so a service added later is
 * contract-tested by adding its manifest to the list, without a new test file. Call inside a `describe`.
 */
export function describeContractTests(manifests: readonly ServiceManifest[], options: ContractTestOptions = {}): void {
  const validator = options.validator ?? defaultValidator();
  const schemas = latestSchemas();

  for (const edge of edgesOf(manifests)) {
    describe(`${edge.producer} → ${edge.event} → ${edge.consumer} (${edge.kind})`, () => {
      const schema = schemas.get(edge.event)!;
      const examples = examplesOf(edge.event);

      it('has schema examples, each valid against the schema', () => {
        assert.ok(examples.length >= 2, `${schema.id} needs at least two examples`);
        for (const example of examples) assert.equal(validator.validatePayload(schema.id, example), null, JSON.stringify(example));
      });

      it('the producer output validates', async () => {
        const sample = options.producerSamples?.[edge.producer]?.[edge.event];
        for (const example of examples) {
          const event = sample ? await sample(example) : createEvent(edge.event, example as never, { source: edge.producer });
          assert.deepEqual(validator.validateEvent(event), { ok: true, event });
          assert.equal(event.type, edge.event);
          assert.equal(event.source, edge.producer, 'source must name the producing service');
        }
      });

      it('the consumer accepts every example', async () => {
        for (const example of examples) {
          // As on the wire: the consumer sees JSON, not the producer's object.
          const delivered: unknown = JSON.parse(JSON.stringify(createEvent(edge.event, example as never, { source: edge.producer })));
          const result = validator.validateEvent(delivered);
          assert.ok(result.ok, `${edge.consumer} rejects ${edge.event}: ${result.ok ? '' : result.errors.join('; ')}`);
          await options.consumerChecks?.[edge.consumer]?.(result.event);
        }
      });
    });
  }

  describe('every emitted event has a consumer or is declared terminal', () => {
    for (const manifest of manifests) {
      it(manifest.service, () => {
        const consumed = new Set(manifests.flatMap((m) => m.reactions.map((reaction) => reaction.on)));
        const orphans = emittedBy(manifest).filter((event) => !consumed.has(event) && !manifest.terminal.includes(event));
        assert.deepEqual(orphans, [], `${manifest.service} emits events nobody consumes`);
      });
    }
  });
}
