import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { OrderSystem } from '@troupe/order-testing';
import { buildApps, builtEntry, pollHttp, startAppProcess, workerNodeFlags, workspaceRoot, type AppProcess } from '@troupe/testing';

/** Debian's chromium package; CHROMIUM_PATH points elsewhere. Nothing here ever downloads a browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots of every view, kept for a person to look at (tmp/ is gitignored). */
export const artefactsDir = path.join(workspaceRoot(), 'tmp', 'test-artifacts', 'saga-board');

export function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`no Chromium at ${chromiumPath}: install Debian's package (apt-get install -y chromium; .ci/run does it) or set CHROMIUM_PATH. The browser test fails rather than skips without it.`);
  }
  mkdirSync(path.join(artefactsDir, 'readme'), { recursive: true });
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
}

/**
 * The board as production runs it (the build, plain node, the workers' flags) against a started order system: its
 * order-view, its broker namespace, its admin token and saga deadline. Resolves once it follows the event archive.
 */
export async function startBoard(system: OrderSystem, extraEnv: Record<string, string> = {}): Promise<AppProcess> {
  buildApps('saga-board');
  const board = await startAppProcess({
    entry: builtEntry('saga-board'),
    nodeArgs: [...workerNodeFlags],
    env: {
      RABBITMQ_PREFIX: system.prefix,
      DATA_DIR: system.dataDir,
      ORDER_VIEW_URL: system.urlOf('order-view'),
      ADMIN_TOKEN: system.adminToken,
      SAGA_DEADLINE_MS: String(system.sagaDeadlineMs),
      ...extraEnv,
    },
    startTimeoutMs: 60_000,
  });
  try {
    await pollHttp(`${board.url}/api/status`, (answer) => answer.status === 200 && (answer.json as { following?: boolean }).following === true, { timeoutMs: 30_000, intervalMs: 100 });
  } catch (error) {
    await board.stop(5_000);
    throw new Error(`the saga board did not start following the archive: ${(error as Error).message}\n${board.stdout().slice(-3000)}`);
  }
  return board;
}
