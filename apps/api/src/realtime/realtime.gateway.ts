import type { ClientToServerEvents, RoomJoinAnswer, ServerToClientEvents } from '@maillage/contracts';
import { Inject } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { parse as parseCookies } from 'cookie';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';

import { SESSION_COOKIE } from '../common/http/cookies';
import { LOGGER } from '../common/logger.provider';
import { SessionsService } from '../identity/sessions.service';
import type { Viewer } from '../identity/viewer';
import { type MaillageServer, RealtimeService } from './realtime.service';

type MaillageSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { viewer: Viewer }>;

/**
 * The one socket.io gateway. A connection is authenticated at the handshake by the session cookie (never a token in
 * the query string), joins `user:<id>` at once, and joins other rooms only when their domain's authorizer agrees.
 */
@WebSocketGateway({ path: '/socket.io', serveClient: false, cors: { origin: false } })
export class RealtimeGateway implements OnGatewayInit {
  constructor(
    private readonly sessions: SessionsService,
    private readonly realtime: RealtimeService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  afterInit(server: MaillageServer): void {
    this.realtime.attach(server);
    server.use((socket: MaillageSocket, next) => {
      const token = parseCookies(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
      if (!token) return next(new Error('unauthenticated'));
      this.sessions.resolve(token).then(
        (resolved) => {
          if (!resolved) return next(new Error('unauthenticated'));
          socket.data.viewer = resolved.viewer;
          void socket.join(`user:${resolved.viewer.id}`);
          next();
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

  @SubscribeMessage('room:leave')
  async leave(@ConnectedSocket() socket: MaillageSocket, @MessageBody() room: unknown): Promise<void> {
    if (typeof room === 'string' && !room.startsWith('user:')) await socket.leave(room);
  }
}
