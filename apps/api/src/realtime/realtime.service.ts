import type { ClientToServerEvents, PresenceStatus, SendAnswer, ServerToClientEvents } from '@maillage/contracts';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';

import { LOGGER } from '../common/logger.provider';
import type { Viewer } from '../identity/viewer';
import { SpaceEvents } from '../spaces/space-events';

export type MaillageServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** What the gateway keeps on each socket: who it is, and whether this tab is idle. */
export interface SocketData {
  viewer: Viewer;
  displayName: string;
  away: boolean;
  /** When this socket last said it was typing, per channel: typing events are throttled. */
  typingAt: Map<string, number>;
}

/** Decides whether a viewer may join the room `<kind>:<id>`. */
export type RoomAuthorizer = (viewer: Viewer, id: string) => Promise<boolean>;

/** Sends a chat message for a socket (the chat module registers it; the gateway only carries it). */
export type MessageSender = (viewer: Viewer, request: unknown) => Promise<SendAnswer>;

type EventName = keyof ServerToClientEvents;
/** The events whose payload is a list of items, which may go out several at a time. */
type ListEventName = {
  [E in EventName]: Parameters<ServerToClientEvents[E]>[0] extends readonly unknown[] ? E : never;
}[EventName];
type ItemOf<E extends ListEventName> = Parameters<ServerToClientEvents[E]>[0][number];

/** Presence changes wait this long to go out together: a crowd connecting at once costs one broadcast, not one each. */
export const PRESENCE_BATCH_MS = 250;
/** How long the items of a turn wait, at most, for the emits announced as coming (see holdCoalesced). */
export const COALESCE_HOLD_MS = 5;
/** How long another api process may take to say which sockets it holds. */
const PRESENCE_FETCH_TIMEOUT_MS = 2000;

/**
 * The socket server as the domains see it: they register who may join their rooms, and emit to rooms after their
 * writes commit. Several api processes share rooms through the socket.io adapter.
 */
@Injectable()
export class RealtimeService implements OnModuleDestroy {
  private server?: MaillageServer;
  private readonly authorizers = new Map<string, RoomAuthorizer>();
  private sender?: MessageSender;
  /** The status last announced for each member from this process, so that a second tab announces nothing. */
  private readonly announced = new Map<string, PresenceStatus>();
  /** Members whose sockets came, went or changed since the last presence broadcast. */
  private readonly presencePending = new Set<string>();
  private presenceTimer?: NodeJS.Timeout;
  /** Set at shutdown: sockets closing then announce nothing (the other processes may be gone already). */
  private closing = false;
  /** Items emitted in this turn of the event loop, per event and room, sent together at its end. */
  private readonly coalescing = new Map<string, { room: string; event: ListEventName; items: unknown[] }>();
  private coalesceScheduled = false;
  /** Emits announced as coming (holdCoalesced), and the timer that stops waiting for them. */
  private holds = 0;
  private holdTimer?: NodeJS.Timeout;

  constructor(
    spaceEvents: SpaceEvents,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    spaceEvents.onRemoved((_spaceId, userId) => this.leaveForbiddenRooms(userId));
  }

  attach(server: MaillageServer): void {
    this.server = server;
  }

  registerRoomKind(kind: string, authorizer: RoomAuthorizer): void {
    if (this.authorizers.has(kind)) throw new Error(`Room kind ${kind} has two authorizers`);
    this.authorizers.set(kind, authorizer);
  }

  registerMessageSender(sender: MessageSender): void {
    this.sender = sender;
  }

  sendMessage(viewer: Viewer, request: unknown): Promise<SendAnswer> {
    if (!this.sender)
      return Promise.resolve({ ok: false, error: 'unavailable', detail: 'La discussion est indisponible.' });
    return this.sender(viewer, request);
  }

  /**
   * Members' statuses from their sockets in every api process (one adapter round trip for all): online if one tab is
   * active, away if all are idle, offline without a tab.
   */
  async presenceOf(userIds: readonly string[]): Promise<Map<string, PresenceStatus>> {
    const statuses = new Map<string, PresenceStatus>(userIds.map((userId) => [userId, 'offline']));
    if (!this.server || userIds.length === 0) return statuses;
    const sockets = await this.server
      .in(userIds.map((userId) => `user:${userId}`))
      .timeout(PRESENCE_FETCH_TIMEOUT_MS)
      .fetchSockets();
    for (const socket of sockets) {
      const userId = socket.data.viewer.id;
      if (!statuses.has(userId)) continue;
      if (!socket.data.away) statuses.set(userId, 'online');
      else if (statuses.get(userId) === 'offline') statuses.set(userId, 'away');
    }
    return statuses;
  }

  /** A member's tab opened, closed, went idle or came back: everyone hears of their status shortly if it changed. */
  announcePresence(userId: string): void {
    if (this.closing) return;
    this.presencePending.add(userId);
    this.presenceTimer ??= setTimeout(() => void this.broadcastPresence(), PRESENCE_BATCH_MS).unref();
  }

  onModuleDestroy(): void {
    this.closing = true;
    clearTimeout(this.presenceTimer);
  }

  private async broadcastPresence(): Promise<void> {
    const userIds = [...this.presencePending];
    this.presencePending.clear();
    try {
      const changes: { userId: string; status: PresenceStatus }[] = [];
      for (const [userId, status] of await this.presenceOf(userIds)) {
        if ((this.announced.get(userId) ?? 'offline') === status) continue;
        if (status === 'offline') this.announced.delete(userId);
        else this.announced.set(userId, status);
        changes.push({ userId, status });
      }
      if (changes.length > 0) this.server?.emit('presence:changed', changes);
    } catch (error) {
      this.logger.warn({ err: error, members: userIds.length }, 'presence could not be gathered; it will be next time');
      for (const userId of userIds) this.presencePending.add(userId);
    } finally {
      this.presenceTimer = undefined;
      if (this.presencePending.size > 0 && !this.closing) {
        this.presenceTimer = setTimeout(() => void this.broadcastPresence(), PRESENCE_BATCH_MS).unref();
      }
    }
  }

  /** 'topic:<uuid>' → whether the viewer may join; undefined for a room that is not of a known kind. */
  async mayJoin(viewer: Viewer, room: string): Promise<boolean | undefined> {
    const match = /^([a-z]+):([0-9a-f-]{36})$/.exec(room);
    const authorizer = match ? this.authorizers.get(match[1]!) : undefined;
    if (!match || !authorizer) return undefined;
    return authorizer(viewer, match[2]!);
  }

  /**
   * Takes a member's sockets — in every api process, through the adapter — out of the rooms they may no longer join
   * (removed from a space): what is said there stops reaching them at once.
   */
  async leaveForbiddenRooms(userId: string): Promise<void> {
    if (!this.server) return;
    for (const socket of await this.server.in(`user:${userId}`).fetchSockets()) {
      for (const room of socket.rooms) {
        if (room === socket.id || room.startsWith('user:')) continue;
        if ((await this.mayJoin(socket.data.viewer, room)) === false) socket.leave(room);
      }
    }
  }

  emit<E extends EventName>(room: string, event: E, payload: Parameters<ServerToClientEvents[E]>[0]): void {
    this.server?.to(room).emit(event, ...([payload] as Parameters<ServerToClientEvents[E]>));
  }

  /**
   * Emits `item` in a list with the others emitted to the same room and event during this turn of the event loop:
   * alone when the server is idle, together when it is busy. Each emit costs one write per client in the room; in a
   * crowded room those writes, not the work of a message, are what a busy server spends its time on (bench/chat).
   */
  emitCoalesced<E extends ListEventName>(room: string, event: E, item: ItemOf<E>): void {
    const key = `${event} ${room}`;
    const pending = this.coalescing.get(key);
    if (pending) pending.items.push(item);
    else this.coalescing.set(key, { room, event, items: [item] });
    this.scheduleFlush();
  }

  /**
   * Announces an item about to be emitted with emitCoalesced (a message whose statement is running): the items of
   * this turn wait for it, at most COALESCE_HOLD_MS. On a process busy writing to a crowd, a statement's answer is
   * read only after the fan-out under way; without the wait the message would go out a whole fan-out later than the
   * ones it arrived with (bench/chat). The returned function ends the hold, whether the item came or not.
   */
  holdCoalesced(): () => void {
    this.holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      if (this.holds === 0 && this.coalescing.size > 0) this.scheduleFlush();
    };
  }

  private scheduleFlush(): void {
    if (this.coalesceScheduled) return;
    this.coalesceScheduled = true;
    setImmediate(() => {
      this.coalesceScheduled = false;
      if (this.holds === 0) return this.flushCoalesced();
      this.holdTimer ??= setTimeout(() => this.flushCoalesced(), COALESCE_HOLD_MS);
    });
  }

  private flushCoalesced(): void {
    clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    const batches = [...this.coalescing.values()];
    this.coalescing.clear();
    for (const { room, event, items } of batches) {
      this.emit(room, event, items as Parameters<ServerToClientEvents[typeof event]>[0]);
    }
  }
}
