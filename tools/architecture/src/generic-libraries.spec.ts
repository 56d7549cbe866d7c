import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { workspaceRoot, workspaceTextFiles } from './workspace-files';

// The generic libraries (scope:shared) are Troupe's product; the order system is one user of them. Their production
// code — everything but tests and test fixtures — must name nothing of it: no import of a scope:order project, no
// order event type, no order-specific field. Their tests may use the order catalogue as their worked example.
interface Project {
  name: string;
  root: string;
  tags: string[];
}

function projects(): Project[] {
  return ['apps', 'libs', 'tools'].flatMap((dir) =>
    readdirSync(path.join(workspaceRoot, dir))
      .filter((name) => existsSync(path.join(workspaceRoot, dir, name, 'project.json')))
      .map((name) => {
        const project = JSON.parse(readFileSync(path.join(workspaceRoot, dir, name, 'project.json'), 'utf8'));
        return { name: project.name, root: `${dir}/${name}`, tags: project.tags ?? [] };
      }),
  );
}

const isTestFile = (file: string) => /\.(spec|integration|e2e)\.ts$/.test(file) || /\/(test-support|test-fixtures)\//.test(file);

/** Order event types, read from the order catalogue's schema directories (not imported: this spec must not care). */
function orderEventTypes(): string[] {
  const catalogue = projects().find((project) => project.name === 'order-catalogue');
  assert.ok(catalogue, 'the order catalogue project exists');
  return readdirSync(path.join(workspaceRoot, catalogue.root, 'src', 'schemas'));
}

/** What in `text` ties it to the order system, or [] (exported for the spec that proves this check bites). */
export function orderReferences(text: string, orderProjects: readonly string[], eventTypes: readonly string[]): string[] {
  const found: string[] = [];
  for (const [, imported] of text.matchAll(/from '(@troupe\/[a-z-]+)(?:\/[a-z-]+)?'/g)) {
    if (orderProjects.includes(imported.slice('@troupe/'.length))) found.push(`imports ${imported}`);
  }
  for (const type of eventTypes) if (text.includes(`'${type}'`)) found.push(`names the event '${type}'`);
  if (/\borderId\b/.test(text)) found.push('names orderId');
  return found;
}

describe('generic libraries know nothing of the order system', () => {
  const all = projects();
  const orderProjects = all.filter((project) => project.tags.includes('scope:order')).map((project) => project.name);
  const generic = all.filter((project) => project.tags.includes('scope:shared') && project.root.startsWith('libs/'));

  it('finds the generic libraries and the order projects', () => {
    assert.deepEqual(generic.map((project) => project.name).sort(), ['contracts', 'messaging', 'persistence', 'testing', 'tracing', 'worker']);
    assert.ok(orderProjects.includes('order-catalogue') && orderProjects.includes('saga'));
  });

  for (const project of generic) {
    it(`${project.name}: its production code imports no order project and names no order event`, () => {
      const eventTypes = orderEventTypes();
      const offending = workspaceTextFiles((file) => file.startsWith(`${project.root}/src/`) && file.endsWith('.ts') && !isTestFile(file))
        .flatMap(({ file, text }) => orderReferences(text, orderProjects, eventTypes).map((why) => `${file} ${why}`));
      assert.deepEqual(offending, []);
    });
  }

  it('the check bites: an order import, an order event or orderId is found', () => {
    const found = orderReferences("import { createEvent } from '@troupe/order-catalogue';\nemit('order.created', { orderId });", ['order-catalogue'], ['order.created']);
    assert.deepEqual(found, ["imports @troupe/order-catalogue", "names the event 'order.created'", 'names orderId']);
  });
});
