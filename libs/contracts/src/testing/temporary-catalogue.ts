import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineCatalogue, type EventCatalogue } from '../define-catalogue';
import { schemaIdOf, type JsonSchema } from '../json-schema';

export interface TemporaryCatalogue {
  catalogue: EventCatalogue;
  /** Removes the directory the schemas were written to. */
  remove(): void;
}

/**
 * A catalogue written to a temporary directory from schemas given inline (`type` → payload schemas, v1 first): for
 * tests of the generic machinery that must not depend on any real catalogue. Each schema gets its `$id`.
 */
export function temporaryCatalogue(name: string, subjectField: string, types: Record<string, JsonSchema[]>): TemporaryCatalogue {
  const root = mkdtempSync(path.join(tmpdir(), `troupe-catalogue-${name}-`));
  for (const [type, versions] of Object.entries(types)) {
    const directory = path.join(root, 'src', 'schemas', type);
    mkdirSync(directory, { recursive: true });
    versions.forEach((schema, index) => {
      const document = { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: schemaIdOf(type, index + 1), ...schema };
      writeFileSync(path.join(directory, `v${index + 1}.schema.json`), JSON.stringify(document));
    });
  }
  const catalogue = defineCatalogue({ name, title: `${name} events`, description: `Test catalogue ${name}.`, schemasDirectory: path.join(root, 'src', 'schemas'), subjectField });
  return { catalogue, remove: () => rmSync(root, { recursive: true, force: true }) };
}
