import type { ClientToServerEvents, RoomJoinAnswer, SendAnswer, ServerToClientEvents } from '@maillage/contracts';
import { Inject } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { parse as parseCookies } from 'cookie';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import { DataSource } from 'typeorm';

import { SESSION_COOKIE } from '../common/http/cookies';
import { LOGGER } from '../common/logger.provider';
import { SessionsService } from '../identity/sessions.service';
import { type MaillageServer, RealtimeService, type SocketData } from './realtime.service';

type MaillageSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** A writer's typing reaches the others at most this often per channel. */
const TYPING_INTERVAL_MS = 3000;

/**
 * The one socket.io gateway. A connection is authenticated at the handshake by the session cookie (never a token in
 * the query string), joins `user:<id>` at once, and joins other rooms only when their domain's authorizer agrees.
 */
@WebSocketGateway({ path: '/socket.io', serveClient: false, cors: { origin: false } })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  constructor(
    private readonly sessions: SessionsService,
    private readonly realtime: RealtimeService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  handleConnection(socket: MaillageSocket): void {
    this.realtime.announcePresence(socket.data.viewer.id);
  }

  handleDisconnect(socket: MaillageSocket): void {
    if (socket.data.viewer) this.realtime.announcePresence(socket.data.viewer.id);
  }

  afterInit(server: MaillageServer): void {
    this.realtime.attach(server);
    server.use((socket: MaillageSocket, next) => {
      const token = parseCookies(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
      if (!token) return next(new Error('unauthenticated'));
      this.sessions.resolve(token).then(
        (resolved) => {
          if (!resolved) return next(new Error('unauthenticated'));
          socket.data.viewer = resolved.viewer;
          socket.data.away = false;
          socket.data.typingAt = new Map();
          void this.displayNameOf(resolved.viewer.id).then((name) => {
            socket.data.displayName = name;
            void socket.join(`user:${resolved.viewer.id}`);
            next();
          }, next);
        },
        (error: unknown) => {
          this.logger.error({ err: error }, 'socket authentication failed');
          next(new Error('unavailable'));
        },
      );
    });
  }

  @SubscribeMessage('room:join')
  async join(@ConnectedSocket() socket: MaillageSocket, @MessageBody() room: unknown): Promise<RoomJoinAnswer> {
    if (typeof room !== 'string') return { ok: false, error: 'invalid-room' };
    const allowed = await this.realtime.mayJoin(socket.data.viewer, room);
    if (allowed === undefined) return { ok: false, error: 'invalid-room' };
    if (!allowed) return { ok: false, error: 'not-found' };
    await socket.join(room);
    return { ok: true };
  }

  @SubscribeMessage('message:send')
  send(@ConnectedSocket() socket: MaillageSocket, @MessageBody() request: unknown): Promise<SendAnswer> {
    return this.realtime.sendMessage(socket.data.viewer, request);
  }

  /** Passed on to the others in the channel's room, if this socket joined it, at most every few seconds. */
  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: MaillageSocket, @MessageBody() channelId: unknown): void {
    if (typeof channelId !== 'string' || !socket.rooms.has(`channel:${channelId}`)) return;
    const now = Date.now();
    if (now - (socket.data.typingAt.get(channelId) ?? 0) < TYPING_INTERVAL_MS) return;
    socket.data.typingAt.set(channelId, now);
    socket.to(`channel:${channelId}`).emit('typing:changed', {
      channelId,
      userId: socket.data.viewer.id,
      displayName: socket.data.displayName,
    });
  }

  @SubscribeMessage('presence:away')
  away(@ConnectedSocket() socket: MaillageSocket, @MessageBody() away: unknown): void {
    socket.data.away = away === true;
    this.realtime.announcePresence(socket.data.viewer.id);
  }

  @SubscribeMessage('room:leave')
  async leave(@ConnectedSocket() socket: MaillageSocket, @MessageBody() room: unknown): Promise<void> {
    if (typeof room === 'string' && !room.startsWith('user:')) await socket.leave(room);
  }

  private async displayNameOf(userId: string): Promise<string> {
    const [row] = await this.dataSource.query('SELECT display_name AS name FROM users WHERE id = $1', [userId]);
    return row?.name ?? '';
  }
}
