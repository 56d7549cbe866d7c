import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const workspaceRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * Every text file git tracks or would track (untracked but not ignored), relative to the workspace root, with its
 * content: what the tree-scanning specs read. Skips what `keep` refuses, files gone from disk, files over 2 MB and
 * binaries (a NUL byte).
 */
export function workspaceTextFiles(keep: (file: string) => boolean): Array<{ file: string; text: string }> {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: workspaceRoot, encoding: 'utf8' });
  const files: Array<{ file: string; text: string }> = [];
  for (const file of new Set(listed.split('\0').filter(Boolean))) {
    if (!keep(file)) continue;
    const absolute = path.join(workspaceRoot, file);
    if (!existsSync(absolute) || !statSync(absolute).isFile() || statSync(absolute).size > 2_000_000) continue;
    const content = readFileSync(absolute);
    if (content.includes(0)) continue;
    files.push({ file, text: content.toString('utf8') });
  }
  return files;
}
