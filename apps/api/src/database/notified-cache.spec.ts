import type { ChannelSubscriber, DatabaseChannels } from './database-channels';
import { NotifiedCache } from './notified-cache';

/** The cache on a channel whose events the test sends itself (DatabaseChannels has its own tests on PostgreSQL). */
function cacheOnChannel(concerned?: (payload: string) => (value: string) => boolean) {
  let channel: ChannelSubscriber | undefined;
  const channels = { subscribe: (_name: string, subscriber: ChannelSubscriber) => (channel = subscriber) };
  const cache = new NotifiedCache<string>(3);
  cache.listen(channels as unknown as DatabaseChannels, 'test_channel', concerned);
  return { cache, channel: channel! };
}

describe('NotifiedCache', () => {
  it('keeps nothing until its channel is heard, and nothing while it is lost', async () => {
    const { cache, channel } = cacheOnChannel();
    await cache.load('a', async () => 'A');
    expect(cache.get('a')).toBeUndefined();

    channel.heard();
    await cache.load('a', async () => 'A');
    expect(cache.get('a')).toBe('A');

    channel.lost();
    expect(cache.get('a')).toBeUndefined();
    await cache.load('a', async () => 'A');
    channel.heard();
    expect(cache.get('a')).toBeUndefined();
  });

  it('forgets on a notification what it concerns', async () => {
    const { cache, channel } = cacheOnChannel((payload) => (value) => value.startsWith(payload));
    channel.heard();
    await cache.load('a', async () => 'alice');
    await cache.load('b', async () => 'bob');
    channel.notified('al');
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, 'bob']);
  });

  it('does not keep a value read while something was forgotten: it may be what just changed', async () => {
    const { cache, channel } = cacheOnChannel();
    channel.heard();
    let answer!: (value: string) => void;
    const reading = cache.load('a', () => new Promise<string>((resolve) => (answer = resolve)));
    channel.notified('');
    answer('before the change');
    expect(await reading).toBe('before the change');
    expect(cache.get('a')).toBeUndefined();

    await cache.load('a', async () => 'after the change');
    expect(cache.get('a')).toBe('after the change');
  });

  it('keeps no undefined, and at most its number of entries', async () => {
    const { cache, channel } = cacheOnChannel();
    channel.heard();
    expect(await cache.load('none', async () => undefined)).toBeUndefined();
    for (const key of ['a', 'b', 'c', 'd']) await cache.load(key, async () => key.toUpperCase());
    expect(['a', 'b', 'c', 'd'].map((key) => cache.get(key))).toEqual([undefined, undefined, undefined, 'D']);
  });
});
