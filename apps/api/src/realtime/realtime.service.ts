import type { ClientToServerEvents, ServerToClientEvents } from '@maillage/contracts';
import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';

import type { Viewer } from '../identity/viewer';
import { SpaceMembershipEvents } from '../spaces/space-membership-events';

export type MaillageServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { viewer: Viewer }
>;

/** Decides whether a viewer may join the room `<kind>:<id>`. */
export type RoomAuthorizer = (viewer: Viewer, id: string) => Promise<boolean>;

type EventName = keyof ServerToClientEvents;

/**
 * The socket server as the domains see it: they register who may join their rooms, and emit to rooms after their
 * writes commit. Several api processes share rooms through the socket.io adapter.
 */
@Injectable()
export class RealtimeService {
  private server?: MaillageServer;
  private readonly authorizers = new Map<string, RoomAuthorizer>();

  constructor(membershipEvents: SpaceMembershipEvents) {
    membershipEvents.onRemoved((_spaceId, userId) => this.leaveForbiddenRooms(userId));
  }

  attach(server: MaillageServer): void {
    this.server = server;
  }

  registerRoomKind(kind: string, authorizer: RoomAuthorizer): void {
    if (this.authorizers.has(kind)) throw new Error(`Room kind ${kind} has two authorizers`);
    this.authorizers.set(kind, authorizer);
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
