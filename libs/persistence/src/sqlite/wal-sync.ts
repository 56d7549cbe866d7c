import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** Flushes a file to stable storage; resolves when the data is on disk. */
export type FileFlush = () => Promise<void>;

/**
 * Group fsync of a WAL file on libuv's thread pool. SQLite's own `synchronous=FULL` fsyncs inside COMMIT,
 * which better-sqlite3 runs on the event loop: every commit would stall consumers, acks and publishes for the
 * length of a disk flush. Committing with `synchronous=NORMAL` and flushing the WAL here gives the same
 * guarantee (a commit's frames are appended to the WAL, so a flush that starts after the commit covers it and
 * every earlier one) while the loop keeps working, and commits that land during one flush share the next.
 */
export class WalSync {
  private inFlight: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(private readonly flush: FileFlush) {}

  /** Resolves once everything committed before this call is on disk. */
  afterCommit(): Promise<void> {
    if (!this.inFlight) return this.start();
    // The running flush may have started before this commit's frames were written: wait for the next one.
    this.queued ??= this.inFlight
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.start();
      });
    return this.queued;
  }

  /** Waits for every requested flush (close). Never rejects. */
  async settle(): Promise<void> {
    while (this.inFlight || this.queued) await (this.queued ?? this.inFlight)!.catch(() => undefined);
  }

  private start(): Promise<void> {
    const flushing = this.flush().finally(() => {
      if (this.inFlight === flushing) this.inFlight = undefined;
    });
    this.inFlight = flushing;
    return flushing;
  }
}

/**
 * `fdatasync` of `<database>-wal` through a descriptor of our own (on Linux a flush through any descriptor
 * covers the file's pages, whoever wrote them). The first flush also syncs the directory, so the WAL file's
 * entry survives a power cut too. SQLite keeps the WAL file (same inode) while the connection is open.
 */
export function walFileFlush(databaseFile: string): { flush: FileFlush; close: () => Promise<void> } {
  const walFile = `${path.resolve(databaseFile)}-wal`;
  let handle: Promise<FileHandle> | undefined;
  const opened = async (): Promise<FileHandle> => {
    const file = await open(walFile, 'r');
    const directory = await open(path.dirname(walFile), 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
    return file;
  };
  return {
    flush: async () => {
      handle ??= opened().catch((error: unknown) => {
        handle = undefined;
        throw error;
      });
      await (await handle).datasync();
    },
    close: async () => {
      const open = handle;
      handle = undefined;
      if (open) await (await open.catch(() => undefined))?.close();
    },
  };
}
