import type { DatabaseChannels } from './database-channels';

/**
 * A process-local cache kept right across processes by a PostgreSQL channel: a notification forgets the entries it
 * concerns, and nothing is kept while the channel is not heard (what was kept may have missed a notification). A
 * value read before a forgetting is not kept when it arrives after it: it may be what was just changed.
 */
export class NotifiedCache<V> {
  private readonly entries = new Map<string, V>();
  private heard = false;
  /** Moves at every forgetting: a read that began before it must not be kept. */
  private generation = 0;

  constructor(private readonly maxEntries: number) {}

  /** Hears `channel`: each notification forgets the entries `concerned` picks for its payload (all, unless given). */
  listen(
    channels: DatabaseChannels,
    channel: string,
    concerned: (payload: string) => (value: V) => boolean = () => () => true,
  ): void {
    channels.subscribe(channel, {
      notified: (payload) => this.forgetWhere(concerned(payload)),
      heard: () => this.reset(true),
      lost: () => this.reset(false),
    });
  }

  get(key: string): V | undefined {
    return this.heard ? this.entries.get(key) : undefined;
  }

  /** Reads the value and keeps it, unless it is undefined or something was forgotten while it was read. */
  async load<R extends V | undefined>(key: string, read: () => Promise<R>): Promise<R> {
    const generation = this.generation;
    const value = await read();
    if (value !== undefined && this.heard && generation === this.generation) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, value);
    }
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  forgetWhere(concerned: (value: V) => boolean): void {
    this.generation += 1;
    for (const [key, value] of this.entries) if (concerned(value)) this.entries.delete(key);
  }

  private reset(heard: boolean): void {
    this.generation += 1;
    this.entries.clear();
    this.heard = heard;
  }
}
