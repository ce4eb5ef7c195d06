package dev.magicexporter.listen;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bound on the request body bytes a listener holds at once, across all its requests: a request
 * reserves its declared length before the first byte is read (and chunked bodies chunk by chunk),
 * and gives it back when its exchange ends. Without it, 500 slow 1 MiB bodies are 500 MiB of heap.
 */
public final class BodyBudget {
  private final long capacity;
  private final AtomicLong used = new AtomicLong();

  public BodyBudget(long capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the body budget must be positive");
    }
    this.capacity = capacity;
  }

  /** Reserves {@code n} bytes; false (and nothing reserved) when that would pass the capacity. */
  public boolean tryReserve(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative reservation");
    }
    while (true) {
      long u = used.get();
      if (u + n > capacity || u + n < 0) {
        return false;
      }
      if (used.compareAndSet(u, u + n)) {
        return true;
      }
    }
  }

  public void release(long n) {
    used.addAndGet(-n);
  }

  public long used() {
    return used.get();
  }

  public long capacity() {
    return capacity;
  }
}
