/** Releases a lock; calling it again does nothing. */
export type Release = () => void;

interface Waiter {
  exclusive: boolean;
  grant: (release: Release) => void;
}

/**
 * Shared and exclusive holds, granted in arrival order: a waiting exclusive hold is not overtaken
 * by shared holds that arrive after it.
 */
export class ReadWriteLock {
  private shared = 0;
  private exclusive = false;
  private queue: Waiter[] = [];

  acquireShared(): Promise<Release> {
    return this.acquire(false);
  }

  acquireExclusive(): Promise<Release> {
    return this.acquire(true);
  }

  private acquire(exclusive: boolean): Promise<Release> {
    return new Promise((grant) => {
      this.queue.push({ exclusive, grant });
      this.grantWaiting();
    });
  }

  private grantWaiting(): void {
    for (let head = this.queue[0]; head; head = this.queue[0]) {
      if (this.exclusive || (head.exclusive && this.shared > 0)) return;
      this.queue.shift();
      if (head.exclusive) this.exclusive = true;
      else this.shared += 1;
      head.grant(this.releaser(head.exclusive));
    }
  }

  private releaser(exclusive: boolean): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (exclusive) this.exclusive = false;
      else this.shared -= 1;
      this.grantWaiting();
    };
  }
}
