import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { workspaceRoot, workspaceTextFiles } from './workspace-files';

// The docs stand alone: the product's behaviour and API contract are in docs/product.md, and nothing in the tree may
// send a reader to a document a clone does not have — no relative link that climbs above the repository root, no
// file:// link, no citation of an outside specification. Every file git tracks (or would track: untracked, not
// ignored) of the kinds below is scanned.
const root = workspaceRoot;

const scanned = /\.(md|ts|mts|cts|js|mjs|cjs|json|ya?ml|sh)$/;
const skipped = [/(^|\/)package-lock\.json$/, /^dist\//];
const isScanned = (file: string): boolean => scanned.test(file) && !skipped.some((pattern) => pattern.test(file));

// Spelled in pieces so that this file does not match itself.
const spec = ['S', 'PEC'].join('');
const outsideDocument = [
  { name: 'an outside specification', pattern: new RegExp(`\\b${spec}\\b`, 'g') },
  { name: 'the shared folder outside the repository', pattern: new RegExp(`shared/${spec}`, 'gi') },
  { name: 'a file:// link', pattern: /\bfile:\/\/\S+/g },
];

/** Markdown links and images `[text](target)`, reference definitions `[id]: target`, and HTML `href`/`src`. */
const markdownTargets = [/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm, /\b(?:href|src)\s*=\s*["']([^"']+)["']/g];

/**
 * In any file: a relative path to a document (`../…/x.md`, `.html`, `.pdf`, `.txt`, optionally with an anchor),
 * written as a string, in a comment or as a link target. Other relative paths in code (imports, lint patterns) are
 * not read against the file's folder, so only documents are judged.
 */
const relativeDocumentTokens = /(?:["'`(]|^|\s)(\.\.\/[^\s"'`)<>\]]*\.(?:md|html?|pdf|txt)(?:#[\w-]*)?)(?=$|[\s"'`)<>\].,;:])/gm;

interface Finding {
  file: string;
  line: number;
  what: string;
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** True when `target`, read from `file`'s folder, lands outside the repository. */
function climbsOutOfRoot(file: string, target: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('/')) return false;
  const resolved = path.resolve(root, path.dirname(file), target.split(/[?#]/)[0]!);
  const relative = path.relative(root, resolved);
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

function scan(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  for (const { name, pattern } of outsideDocument) {
    for (const match of text.matchAll(pattern)) findings.push({ file, line: lineOf(text, match.index), what: `${name}: ${match[0]}` });
  }
  const targets = [...(file.endsWith('.md') ? markdownTargets : []), relativeDocumentTokens];
  const seen = new Set<number>();
  for (const pattern of targets) {
    for (const match of text.matchAll(pattern)) {
      const target = match[1]!;
      const at = match.index + match[0].indexOf(target);
      if (seen.has(at) || target.includes('${') || !climbsOutOfRoot(file, target)) continue;
      seen.add(at);
      findings.push({ file, line: lineOf(text, at), what: `a link outside the repository: ${target}` });
    }
  }
  return findings;
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens. */
function githubSlug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

describe('the docs stand alone', () => {
  it('nothing in the tree links or refers outside the repository', function () {
    this.timeout(20_000);
    const files = workspaceTextFiles(isScanned);
    const findings = files.flatMap(({ file, text }) => scan(file, text));
    assert.ok(files.length > 100, `scanned ${files.length} files`);
    assert.deepEqual(findings.map((finding) => `${finding.file}:${finding.line} ${finding.what}`), []);
  });

  it('the README links to docs/product.md, and every link to a section of it names a heading it has', () => {
    assert.match(readFileSync(path.join(root, 'README.md'), 'utf8'), /\]\(docs\/product\.md\)/);
    const product = readFileSync(path.join(root, 'docs', 'product.md'), 'utf8');
    const anchors = new Set([...product.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => githubSlug(match[1]!)));
    const broken: string[] = [];
    for (const { file, text } of workspaceTextFiles(isScanned)) {
      for (const match of text.matchAll(/\bproduct\.md#([\w-]+)/g)) {
        if (!anchors.has(match[1]!)) broken.push(`${file}:${lineOf(text, match.index)} #${match[1]}`);
      }
    }
    assert.deepEqual(broken, []);
  });

  it('recognises a link or a citation that leaves the repository, and lets links inside it pass', () => {
    const up = ['..', '/'].join('');
    const outside = [
      ['README.md', `See [the spec](../shared/${spec}.md).`],
      ['docs/chaos.md', 'the [notes](../../notes.md)'],
      ['apps/order-service/README.md', `[x]: ../../../shared/${spec}.md`],
      ['docs/product.md', '<a href="../../elsewhere.html">there</a>'],
      ['libs/saga/src/a.ts', `// as ${spec} §6 says`],
      ['tools/x/src/a.ts', `const doc = readFileSync('${up.repeat(4)}outside.md');`],
      ['docs/a.md', `[local](${['file', '///home/me/notes.md'].join(':')})`],
    ];
    for (const [file, text] of outside) assert.ok(scan(file!, text!).length >= 1, `${file}: ${text}`);
    const inside = [
      ['README.md', '[product](docs/product.md#invariants), [worker](libs/worker/README.md), <http://localhost:15672>'],
      ['apps/reconciler/README.md', '[invariants](../../docs/product.md#invariants) and [top](#http)'],
      ['docs/chaos.md', '[product](product.md), [root](../README.md), [abs](/docs/saga-map.md)'],
      ['tools/architecture/src/a.ts', "import { x } from '../../../libs/saga/src/index';"],
      ['apps/order-service/project.json', '"$schema": "../../node_modules/nx/schemas/project-schema.json"'],
      ['eslint.config.mjs', "apps.map((app) => `../../${app}/src/worker`)"],
      ['tools/x/src/a.ts', "// see ../../README.md#security-model and ../../../docs/product.md."],
      ['libs/saga/src/a.ts', 'const SPECIAL = 1; // a specification of our own: docs/product.md'],
    ];
    for (const [file, text] of inside) assert.deepEqual(scan(file!, text!), [], `${file}: ${text}`);
  });
});
