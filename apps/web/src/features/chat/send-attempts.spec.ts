import { describe, expect, it } from 'vitest';

import { SendAttempts } from './send-attempts';

const message = { channelId: 'c1', body: 'Bonjour à toutes' };

describe('SendAttempts', () => {
  it('gives a retried message the client id of its first attempt', () => {
    const attempts = new SendAttempts();
    const first = attempts.clientIdFor(message);
    expect(attempts.clientIdFor({ ...message })).toBe(first);
  });

  it('gives a new id to the next message once one is sent', () => {
    const attempts = new SendAttempts();
    const first = attempts.clientIdFor(message);
    attempts.sent();
    expect(attempts.clientIdFor(message)).not.toBe(first);
  });

  it('gives a new id when the text, the channel or the reply changes before a retry', () => {
    const attempts = new SendAttempts();
    const first = attempts.clientIdFor(message);
    const edited = attempts.clientIdFor({ ...message, body: 'Bonjour à tous' });
    const elsewhere = attempts.clientIdFor({ ...message, body: 'Bonjour à tous', channelId: 'c2' });
    const asReply = attempts.clientIdFor({ ...message, body: 'Bonjour à tous', channelId: 'c2', parentSeq: 4 });
    expect(new Set([first, edited, elsewhere, asReply]).size).toBe(4);
  });
});
