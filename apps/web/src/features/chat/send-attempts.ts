/**
 * The client id of a message on its way: the same for every attempt at sending the same message, so that a resend
 * after a timeout (the first attempt may have reached the server) is stored once; a new one once a message is sent or
 * its text, channel or reply changes.
 */
export class SendAttempts {
  private pending?: { key: string; clientId: string };

  clientIdFor(message: { channelId: string; body: string; parentSeq?: number }): string {
    const key = JSON.stringify([message.channelId, message.parentSeq ?? null, message.body]);
    if (this.pending?.key !== key) this.pending = { key, clientId: crypto.randomUUID() };
    return this.pending.clientId;
  }

  /** The server acknowledged the message: the next one is another message. */
  sent(): void {
    this.pending = undefined;
  }
}
