package nl.zes.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per API key: {@code perSecond} tokens a second, at most {@code burst} saved up. */
final class RateLimits {

  private final double perSecond;
  private final double burst;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimits(int perSecond, int burst) {
    this.perSecond = perSecond;
    this.burst = burst;
  }

  private static final class Bucket {
    double tokens;
    long refilledAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAt = now;
    }
  }

  /** 0 when the key may make this call now, else how many seconds to wait (for {@code Retry-After}). */
  long acquire(String keyId) {
    long now = System.nanoTime();
    Bucket bucket = buckets.computeIfAbsent(keyId, id -> new Bucket(burst, now));
    synchronized (bucket) {
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) * perSecond / 1e9);
      bucket.refilledAt = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond));
    }
  }
}
