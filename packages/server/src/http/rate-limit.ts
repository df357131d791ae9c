/** A token bucket: `capacity` requests at once, refilled at `perSecond`. */
export interface RateLimit {
  capacity: number;
  perSecond: number;
}

/**
 * In-memory token buckets by key (client address, user, token). Good for one server process; buckets
 * that are full again are dropped, so memory stays bounded by the number of recently active keys.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => Date.now(),
    private readonly maxKeys = 100_000,
  ) {}

  /** Take one token for `key`: 0 when allowed, else the seconds to wait. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.capacity, at: now };
    bucket.tokens = Math.min(
      this.limit.capacity,
      bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond,
    );
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(key, bucket);
      if (this.buckets.size > this.maxKeys) this.prune(now);
      return 0;
    }
    this.buckets.set(key, bucket);
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond));
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      const full = bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond >= this.limit.capacity;
      if (full) this.buckets.delete(key);
    }
    // Still too many active keys: forget the oldest (insertion order), which only lets them retry sooner.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}
