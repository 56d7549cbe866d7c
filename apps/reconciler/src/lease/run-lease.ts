import { ConcurrencyError, DuplicateKeyError, type Store } from '@troupe/persistence';
import { decideLease, type LeaseDecision, type LeaseRow } from './lease-decision';

export const runsCollection = 'runs';
const leaseId = 'lease';

/** A claimed lease; the version is what the next renew/release must still find, or someone else took over. */
export interface HeldLease {
  holder: string;
  version: number;
  tick: number;
}

export type ClaimResult = { claimed: true; lease: HeldLease } | { claimed: false; why: Exclude<LeaseDecision, 'claim'> | 'lost-race' };

/**
 * Two reconcilers on one store must not both run the same tick. The lease row is written with optimistic
 * concurrency: of two instances that read the same row, only one update succeeds; the other gets a
 * ConcurrencyError (or DuplicateKeyError for the very first row) and stands down. The expiry covers a holder that
 * died mid-run; renewing after every page keeps a long run's lease alive.
 */
export class RunLease {
  constructor(
    private readonly store: Store,
    private readonly leaseMs: number,
  ) {}

  async claim(holder: string, now: number, tick: number | undefined): Promise<ClaimResult> {
    const leases = this.store.collection<LeaseRow>(runsCollection);
    const row = await leases.get(leaseId);
    const decision = decideLease(row, holder, now, tick);
    if (decision !== 'claim') return { claimed: false, why: decision };
    const next: LeaseRow = { _id: leaseId, holder, expiresAt: now + this.leaseMs, tick: Math.max(tick ?? 0, row?.tick ?? 0) };
    try {
      const written = row ? await leases.update(next, row.version!) : await leases.insert(next);
      return { claimed: true, lease: { holder, version: written.version!, tick: next.tick } };
    } catch (error) {
      if (error instanceof ConcurrencyError || error instanceof DuplicateKeyError) return { claimed: false, why: 'lost-race' };
      throw error;
    }
  }

  /** Extends the lease; resolves undefined when it was lost (expired and taken over), so the run must stop. */
  async renew(lease: HeldLease, now: number): Promise<HeldLease | undefined> {
    return this.write(lease, now + this.leaseMs);
  }

  /** Frees the lease at once (keeping the tick), so the next tick need not wait for the expiry. */
  async release(lease: HeldLease, now: number): Promise<void> {
    await this.write(lease, now);
  }

  private async write(lease: HeldLease, expiresAt: number): Promise<HeldLease | undefined> {
    try {
      const written = await this.store
        .collection<LeaseRow>(runsCollection)
        .update({ _id: leaseId, holder: lease.holder, expiresAt, tick: lease.tick }, lease.version);
      return { ...lease, version: written.version! };
    } catch (error) {
      if (error instanceof ConcurrencyError) return undefined;
      throw error;
    }
  }
}
