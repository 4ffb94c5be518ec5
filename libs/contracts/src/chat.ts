import { z } from 'zod';

import { Id, IsoDateTime, text } from './common';
import { PersonRef } from './forums';
import { oneOrMany } from './search';

export const Channel = z
  .object({
    id: Id,
    spaceId: Id,
    spaceName: z.string(),
    name: z.string(),
    /** A direct conversation: its space holds its participants only. */
    direct: z.boolean(),
    /** The sequence number of the channel's latest message; 0 when it has none. */
    lastSeq: z.number().int(),
    lastReadSeq: z.number().int(),
    unreadCount: z.number().int(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'Channel' });
export type Channel = z.infer<typeof Channel>;

export const ChannelList = z.object({ items: z.array(Channel) }).meta({ id: 'ChannelList' });
export type ChannelList = z.infer<typeof ChannelList>;

export const CreateChannelRequest = z
  .strictObject({
    // The typographic apostrophe too: French keyboards and phones type "d’urgence".
    name: text(2, 60).regex(
      /^[\p{L}\p{N}][\p{L}\p{N} '’-]*$/u,
      'Lettres, chiffres, espaces, apostrophes et traits d’union seulement',
    ),
  })
  .meta({ id: 'CreateChannelRequest' });
export type CreateChannelRequest = z.infer<typeof CreateChannelRequest>;

/** The reactions a chat message offers: a short set, shown in this order. */
export const MESSAGE_REACTIONS = ['👍', '❤️', '😄', '🎉', '🙏', '👀'] as const;
export const MessageReaction = z.enum(MESSAGE_REACTIONS);
export type MessageReaction = z.infer<typeof MessageReaction>;

export const Message = z
  .object({
    id: Id,
    channelId: Id,
    /** Position in the channel, given in order under the channel's lock: no gap, no duplicate. */
    seq: z.number().int(),
    clientId: Id,
    author: PersonRef,
    /** Sanitized HTML rendered by the server from the Markdown source. */
    html: z.string(),
    markdown: z.string(),
    parentSeq: z.number().int().nullable(),
    createdAt: IsoDateTime,
    editedAt: IsoDateTime.nullable(),
    deleted: z.boolean(),
    /** Each reaction given, with who gave it (in the order they did), in the order of MESSAGE_REACTIONS. */
    reactions: z.array(z.object({ emoji: MessageReaction, userIds: z.array(Id) })),
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof Message>;

export const MessagePage = z
  .object({ items: z.array(Message), nextBefore: z.number().int().nullable() })
  .meta({ id: 'MessagePage' });
export type MessagePage = z.infer<typeof MessagePage>;

export const MessageHistoryQuery = z.strictObject({
  /** Messages before this sequence number, newest first (backward pages); the latest when left out. */
  before: z.coerce.number().int().min(1).optional(),
  /** Messages after this sequence number, oldest first: what a client missed since the last it saw. */
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type MessageHistoryQuery = z.input<typeof MessageHistoryQuery>;

const MessageBody = z.string().trim().min(1).max(10_000);

export const SendMessageRequest = z
  .strictObject({
    /** Chosen by the client: sending again with the same id (after a timeout) returns the first message. */
    clientId: Id,
    body: MessageBody,
    /** Answers in the thread of this message. */
    parentSeq: z.number().int().min(1).optional(),
  })
  .meta({ id: 'SendMessageRequest' });
export type SendMessageRequest = z.infer<typeof SendMessageRequest>;

export const EditMessageRequest = z.strictObject({ body: MessageBody }).meta({ id: 'EditMessageRequest' });
export type EditMessageRequest = z.infer<typeof EditMessageRequest>;

export const ReactToMessageRequest = z
  .strictObject({ emoji: MessageReaction, reacted: z.boolean() })
  .meta({ id: 'ReactToMessageRequest' });
export type ReactToMessageRequest = z.infer<typeof ReactToMessageRequest>;

export const MessageParams = z.strictObject({ id: Id, seq: z.coerce.number().int().min(1) });

export const MarkChannelReadRequest = z
  .strictObject({ lastReadSeq: z.number().int().min(0) })
  .meta({ id: 'MarkChannelReadRequest' });

export const OpenDirectRequest = z
  .strictObject({
    /** The other participants: one to seven members. */
    userIds: z.array(Id).min(1).max(7),
  })
  .meta({ id: 'OpenDirectRequest' });
export type OpenDirectRequest = z.infer<typeof OpenDirectRequest>;

export const PresenceQuery = z.strictObject({ user: oneOrMany(Id) });

export const PresenceList = z
  .object({ items: z.array(z.object({ userId: Id, status: z.enum(['online', 'away', 'offline']) })) })
  .meta({ id: 'PresenceList' });
export type PresenceList = z.infer<typeof PresenceList>;
