import type { ClientToServerEvents, RoomJoinAnswer, ServerToClientEvents } from '@maillage/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef } from 'react';
import { io, type Socket } from 'socket.io-client';

import { useMe } from '../api/use-me';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const SocketContext = createContext<ClientSocket | null>(null);

/** One socket per signed-in tab, authenticated by the session cookie at the handshake. */
export function SocketProvider({ children }: { children: ReactNode }) {
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const memberId = me?.id;
  const socket = useMemo<ClientSocket | null>(
    () =>
      memberId
        ? io({ path: '/socket.io', transports: ['websocket', 'polling'], withCredentials: true, autoConnect: false })
        : null,
    [memberId],
  );

  useEffect(() => {
    if (!socket) return;
    // A notification may tell of a conversation opened with this member: the channel list, when shown, asks again.
    const refreshNotifications = () => {
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
      void queryClient.invalidateQueries({ queryKey: ['channels'] });
    };
    socket.on('notification:created', refreshNotifications);
    socket.connect();
    return () => {
      socket.off('notification:created', refreshNotifications);
      socket.disconnect();
    };
  }, [socket, queryClient]);

  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

/** How many shown components want each room of a socket: it is joined at the first and left after the last. */
const wantedRooms = new WeakMap<ClientSocket, Map<string, number>>();

function wantRoom(socket: ClientSocket, room: string): void {
  const wanted = wantedRooms.get(socket) ?? new Map<string, number>();
  wantedRooms.set(socket, wanted);
  const count = wanted.get(room) ?? 0;
  wanted.set(room, count + 1);
  if (count === 0) socket.emit('room:join', room, (_answer: RoomJoinAnswer) => undefined);
}

function releaseRoom(socket: ClientSocket, room: string): void {
  const wanted = wantedRooms.get(socket);
  const count = wanted?.get(room) ?? 0;
  if (count > 1) return void wanted!.set(room, count - 1);
  wanted?.delete(room);
  socket.emit('room:leave', room);
}

/**
 * Joins rooms while the component is shown (and again after a reconnect), and calls `handlers` for their events: the
 * ones of the latest render, so that they may read the component's current props and state. A refused join (a room
 * the member may not see) is silent: the page already answered 404. Components may share a room: it is left when the
 * last of them goes.
 */
export function useRooms(rooms: readonly string[], handlers: Partial<ServerToClientEvents>) {
  const socket = useContext(SocketContext);
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  const key = rooms.join(' ');
  useEffect(() => {
    if (!socket || rooms.length === 0) return;
    for (const room of rooms) wantRoom(socket, room);
    const rejoin = () => {
      for (const room of rooms) socket.emit('room:join', room, (_answer: RoomJoinAnswer) => undefined);
    };
    socket.on('connect', rejoin);
    const dispatchers = (Object.keys(latest.current) as (keyof ServerToClientEvents)[]).map(
      (event) =>
        [
          event,
          (...args: unknown[]) => (latest.current[event] as ((...args: unknown[]) => void) | undefined)?.(...args),
        ] as const,
    );
    for (const [event, dispatch] of dispatchers) socket.on(event, dispatch as never);
    return () => {
      socket.off('connect', rejoin);
      for (const [event, dispatch] of dispatchers) socket.off(event, dispatch as never);
      for (const room of rooms) releaseRoom(socket, room);
    };
    // The rooms (by their names) and the socket decide when to join again; handlers are read through `latest`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [socket, key]);
}

/** One room: see useRooms. */
export const useRoom = (room: string | undefined, handlers: Partial<ServerToClientEvents>) =>
  useRooms(room ? [room] : [], handlers);

/** The tab's socket, for pages that send over it (null before sign-in). */
export const useSocket = (): ClientSocket | null => useContext(SocketContext);
