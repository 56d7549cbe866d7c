import assert from 'node:assert/strict';
import { workspaceTextFiles } from './workspace-files';

// Every command the docs show must run when pasted into a shell in a fresh clone. Nx is a local dev dependency, not
// a global tool, so a bare `nx …` fails with "command not found" there: the docs say `npx nx …` or an npm script.

interface Finding {
  file: string;
  line: number;
  command: string;
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** `VAR=value ` assignments and a `$ ` prompt in front of a command, which the shell (or the reader) drops. */
const leadingNoise = /^(?:\$\s+)?(?:[A-Za-z_][A-Za-z0-9_]*=(?:'[^']*'|"[^"]*"|\S*)\s+)*/;

/**
 * True when one shell command (a piece between `&&`, `||`, `;`, `|`, `$(`, `(`) runs a bare `nx` with arguments; `nx`
 * alone is the package's name (the dependency table), not a command.
 */
function runsBareNx(command: string): boolean {
  return command.split(/&&|\|\||;|\||\$\(|\(/).some((piece) => /^nx\s+\S/.test(piece.trim().replace(leadingNoise, '')));
}

const fence = /^([ \t]*)(```+|~~~+)([^\n]*)\n([\s\S]*?)^\1\2[ \t]*$/gm;
/** Fenced blocks that are not shell: diagrams and data never hold a command. */
const notShell = /^(mermaid|json|ya?ml|ts|typescript|js|javascript|text)\b/;

export function bareNxCommands(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  const blanked = text.replace(fence, (whole, _indent: string, _marks: string, info: string, body: string, offset: number) => {
    if (!notShell.test(info.trim())) {
      const bodyStart = offset + whole.indexOf('\n') + 1;
      let at = bodyStart;
      for (const line of body.split('\n')) {
        const command = line.replace(/\s#.*$/, '');
        if (!line.trim().startsWith('#') && runsBareNx(command)) findings.push({ file, line: lineOf(text, at), command: line.trim() });
        at += line.length + 1;
      }
    }
    // Keeps offsets (and so line numbers) of the prose after the block.
    return whole.replace(/[^\n]/g, ' ');
  });
  for (const match of blanked.matchAll(/(`+)([^`]+?)\1(?!`)/g)) {
    const span = match[2]!.replace(/\s+/g, ' ').trim();
    if (runsBareNx(span)) findings.push({ file, line: lineOf(text, match.index), command: span });
  }
  return findings;
}

describe('docs: commands run when pasted', () => {
  const docs = workspaceTextFiles((file) => file.endsWith('.md') && !file.startsWith('dist/') && !file.includes('node_modules/'));

  it('reads the README, docs/ and the app, lib and tool READMEs', () => {
    const names = docs.map((doc) => doc.file);
    for (const expected of ['README.md', 'docs/architecture.md', 'libs/worker/README.md', 'apps/order-view/README.md', 'tools/saga-map/README.md']) {
      assert.ok(names.includes(expected), `${expected} is not scanned`);
    }
  });

  it('never shows a bare `nx` command (it is not on PATH: `npx nx …` or an npm script)', () => {
    const findings = docs.flatMap((doc) => bareNxCommands(doc.file, doc.text));
    assert.deepEqual(
      findings.map((finding) => `${finding.file}:${finding.line}: ${finding.command}`),
      [],
      'write `npx nx …` (or the npm script) instead',
    );
  });

  it('finds a bare nx in a shell block, after && or a prompt, and in inline code; not npx nx, npm scripts or words', () => {
    const sample = [
      'Run `nx run saga-map:generate` after editing, or `npx nx run saga-map:check`.',
      'Split over a line: `nx run',
      'order-view:rebuild`.',
      '```bash',
      'npm install && nx run-many -t serve',
      '$ nx graph',
      'FOO=1 nx run worker:test   # with a comment',
      'npx nx run worker:test',
      '# nx in a comment is prose',
      'npm run lint',
      '```',
      '```mermaid',
      'nx --> other',
      '```',
      'An onyx stone; `npm run nx-ish`; the word nx alone in prose.',
    ].join('\n');
    assert.deepEqual(
      bareNxCommands('sample.md', sample).map((finding) => [finding.line, finding.command]),
      [
        [5, 'npm install && nx run-many -t serve'],
        [6, '$ nx graph'],
        [7, 'FOO=1 nx run worker:test   # with a comment'],
        [1, 'nx run saga-map:generate'],
        [2, 'nx run order-view:rebuild'],
      ],
    );
  });
});
