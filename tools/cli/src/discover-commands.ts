import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The workspace's tools directory, where each tool may contribute `src/<tool>.command.ts`. */
export const toolsDirectory = path.resolve(__dirname, '..', '..');

/** The file implementing `troupe <name>`, or undefined when no tool provides it. */
export function commandFile(name: string, directory = toolsDirectory): string | undefined {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) return undefined;
  const file = path.join(directory, name, 'src', `${name}.command.ts`);
  return existsSync(file) ? file : undefined;
}

/** Every available subcommand name, sorted. */
export function commandNames(directory = toolsDirectory): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && commandFile(entry.name, directory) !== undefined)
    .map((entry) => entry.name)
    .sort();
}
