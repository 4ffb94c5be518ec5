import type { ClientToServerEvents, PresenceStatus, SendAnswer, ServerToClientEvents } from '@maillage/contracts';
import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';

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

/**
 * The socket server as the domains see it: they register who may join their rooms, and emit to rooms after their
 * writes commit. Several api processes share rooms through the socket.io adapter.
 */
@Injectable()
export class RealtimeService {
  private server?: MaillageServer;
  private readonly authorizers = new Map<string, RoomAuthorizer>();
  private sender?: MessageSender;
  /** The status last announced for each member from this process, so that a second tab announces nothing. */
  private readonly announced = new Map<string, PresenceStatus>();

  constructor(spaceEvents: SpaceEvents) {
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

  /** A member's status from their sockets in every api process: online if one tab is active, away if all are idle. */
  async presenceOf(userId: string): Promise<PresenceStatus> {
    if (!this.server) return 'offline';
    const sockets = await this.server.in(`user:${userId}`).fetchSockets();
    if (sockets.length === 0) return 'offline';
    return sockets.every((socket) => socket.data.away) ? 'away' : 'online';
  }

  /** Tells everyone a member's status when it changed: a tab opened, closed, went idle or came back. */
  async announcePresence(userId: string): Promise<void> {
    const status = await this.presenceOf(userId);
    if (this.announced.get(userId) === status) return;
    if (status === 'offline') this.announced.delete(userId);
    else this.announced.set(userId, status);
    this.server?.emit('presence:changed', { userId, status });
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
}
