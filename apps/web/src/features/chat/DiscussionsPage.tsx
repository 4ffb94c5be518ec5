import { type Channel, chatRoutes, type Message, type PresenceStatus } from '@maillage/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { call } from '../../api/client';
import { ErrorNotice, Loading, PageTitle } from '../../app/ui';
import { useRoom, useSocket } from '../../realtime/socket';

/** The discussions: channels of my spaces and my direct messages, and the open channel's conversation. */
export function DiscussionsPage() {
  const { channelId } = useParams();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const channels = useQuery({ queryKey: ['channels'], queryFn: () => call(chatRoutes.listAll) });
  const items = channels.data?.items ?? [];
  const groups: [string, Channel[]][] = [
    [t('chat.channels'), items.filter((channel) => !channel.direct)],
    [t('chat.direct'), items.filter((channel) => channel.direct)],
  ];
  const open = items.find((channel) => channel.id === channelId);

  return (
    <>
      <PageTitle title={t('chat.title')}>{t('chat.title')}</PageTitle>
      <div className="discussions">
        <nav className="channel-list" aria-label={t('chat.channels')}>
          {channels.isPending && <Loading />}
          <ErrorNotice error={channels.error} />
          {groups.map(([label, list]) =>
            list.length === 0 ? null : (
              <section key={label}>
                <h2>{label}</h2>
                <ul>
                  {list.map((channel) => (
                    <li key={channel.id}>
                      <Link
                        to={`/discussions/${channel.id}`}
                        aria-current={channel.id === channelId ? 'page' : undefined}
                      >
                        {channel.direct ? channel.spaceName : `${channel.spaceName} · #${channel.name}`}
                      </Link>{' '}
                      {channel.unreadCount > 0 && (
                        <span className="badge badge-unread">{t('chat.unread', { count: channel.unreadCount })}</span>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            ),
          )}
        </nav>
        {open ? (
          <Conversation
            key={open.id}
            channel={open}
            onRead={() => void queryClient.invalidateQueries({ queryKey: ['channels'] })}
          />
        ) : (
          <p className="muted">{t('chat.choose')}</p>
        )}
      </div>
    </>
  );
}

const TYPING_SHOWN_MS = 4000;

function Conversation({ channel, onRead }: { channel: Channel; onRead: () => void }) {
  const { t, i18n } = useTranslation();
  const socket = useSocket();
  const [messages, setMessages] = useState<Message[]>([]);
  const [olderFrom, setOlderFrom] = useState<number | null>(null);
  const [typing, setTyping] = useState<{ name: string; until: number } | null>(null);
  const [presence, setPresence] = useState<Record<string, PresenceStatus>>({});
  const [draft, setDraft] = useState('');
  const [sendError, setSendError] = useState<string | null>(null);
  const lastSeq = useRef(0);
  const scroller = useRef<HTMLDivElement>(null);

  const first = useQuery({
    queryKey: ['messages', channel.id],
    queryFn: () => call(chatRoutes.history, { params: { id: channel.id }, query: { limit: 50 } }),
    staleTime: Infinity,
  });
  useEffect(() => {
    if (!first.data) return;
    const ordered = [...first.data.items].reverse();
    setMessages(ordered);
    setOlderFrom(first.data.nextBefore);
    lastSeq.current = ordered.at(-1)?.seq ?? 0;
  }, [first.data]);

  const markRead = useMutation({
    mutationFn: (seq: number) => call(chatRoutes.markRead, { params: { id: channel.id }, body: { lastReadSeq: seq } }),
    onSuccess: onRead,
  });
  const newest = messages.at(-1)?.seq;
  useEffect(() => {
    if (newest) markRead.mutate(newest);
    // Reading up to the newest message shown; the mutation object is stable enough for this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [newest]);

  /** What followed the last message shown: each missed message once, in order (also after a reconnect). */
  const catchUp = async () => {
    const page = await call(chatRoutes.history, {
      params: { id: channel.id },
      query: { after: lastSeq.current, limit: 200 },
    });
    if (page.items.length === 0) return;
    lastSeq.current = page.items.at(-1)!.seq;
    setMessages((shown) => [...shown, ...page.items.filter((message) => message.seq > (shown.at(-1)?.seq ?? 0))]);
  };
  const refresh = async (seq: number) => {
    const page = await call(chatRoutes.history, { params: { id: channel.id }, query: { after: seq - 1, limit: 1 } });
    const [changed] = page.items;
    if (changed) setMessages((shown) => shown.map((message) => (message.seq === seq ? changed : message)));
  };
  useRoom(`channel:${channel.id}`, {
    'message:created': (event) => event.channelId === channel.id && void catchUp(),
    'message:updated': (event) => event.channelId === channel.id && void refresh(event.seq),
    'message:deleted': (event) => event.channelId === channel.id && void refresh(event.seq),
    'typing:changed': (event) =>
      event.channelId === channel.id && setTyping({ name: event.displayName, until: Date.now() + TYPING_SHOWN_MS }),
    'presence:changed': (event) => setPresence((known) => ({ ...known, [event.userId]: event.status })),
  });
  useEffect(() => {
    if (!socket) return;
    const resume = () => void catchUp();
    socket.on('connect', resume);
    return () => {
      socket.off('connect', resume);
    };
    // catchUp reads refs; registering it once per socket is enough.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [socket]);
  useEffect(() => {
    if (!typing) return;
    const timer = setTimeout(() => setTyping(null), typing.until - Date.now());
    return () => clearTimeout(timer);
  }, [typing]);

  const authors = [...new Set(messages.map((message) => message.author?.id).filter(Boolean))] as string[];
  useEffect(() => {
    if (authors.length === 0) return;
    void call(chatRoutes.presence, { query: { user: authors } }).then((list) =>
      setPresence((known) => ({
        ...Object.fromEntries(list.items.map((item) => [item.userId, item.status])),
        ...known,
      })),
    );
    // Asked once per new set of authors; live changes arrive through presence:changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [authors.join(',')]);

  const loadOlder = async () => {
    if (olderFrom === null) return;
    const page = await call(chatRoutes.history, {
      params: { id: channel.id },
      query: { before: olderFrom, limit: 50 },
    });
    setMessages((shown) => [...[...page.items].reverse(), ...shown]);
    setOlderFrom(page.nextBefore);
  };

  // TanStack Virtual is not React Compiler-safe; this component is left unmemoized, which it does not need.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 64,
    overscan: 8,
  });
  useEffect(() => {
    if (messages.length > 0) virtualizer.scrollToIndex(messages.length - 1, { align: 'end' });
  }, [messages.length, virtualizer]);

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    const body = draft.trim();
    if (!body || !socket) return;
    setSendError(null);
    const answer = await socket
      .timeout(10_000)
      .emitWithAck('message:send', { channelId: channel.id, clientId: crypto.randomUUID(), body })
      .catch(() => null);
    if (answer?.ok) {
      setDraft('');
      void catchUp();
    } else {
      setSendError(answer?.error === 'rate-limited' ? t('chat.rateLimited') : (answer?.detail ?? t('errors.network')));
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void send();
    }
  };
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  return (
    <section className="conversation" aria-label={channel.direct ? channel.spaceName : `#${channel.name}`}>
      <h2>{channel.direct ? channel.spaceName : `${channel.spaceName} · #${channel.name}`}</h2>
      {first.isPending && <Loading />}
      <ErrorNotice error={first.error} />
      {olderFrom !== null && (
        <button type="button" className="link-button" onClick={() => void loadOlder()}>
          {t('chat.older')}
        </button>
      )}
      {first.data && messages.length === 0 && <p className="muted">{t('chat.empty')}</p>}
      <div className="message-scroller" ref={scroller} role="log" aria-live="polite">
        <ol style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const message = messages[item.index]!;
            const status = message.author ? (presence[message.author.id] ?? 'offline') : 'offline';
            return (
              <li
                key={message.id}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className="message"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
              >
                <p className="message-meta">
                  <span className={`presence presence-${status}`} title={t(`chat.presence.${status}`)}>
                    <span className="visually-hidden">{t(`chat.presence.${status}`)}</span>
                  </span>{' '}
                  <strong>{message.author?.displayName ?? t('forums.formerMember')}</strong>{' '}
                  <span className="muted small">{time.format(new Date(message.createdAt))}</span>
                  {message.editedAt && !message.deleted && <span className="muted small"> · {t('chat.edited')}</span>}
                </p>
                {message.deleted ? (
                  <p className="muted">{t('chat.deleted')}</p>
                ) : (
                  <div className="rendered" dangerouslySetInnerHTML={{ __html: message.html }} />
                )}
              </li>
            );
          })}
        </ol>
      </div>
      <p className="typing" aria-live="polite">
        {typing ? t('chat.typing', { name: typing.name }) : ''}
      </p>
      <form className="composer" onSubmit={(event) => void send(event)}>
        {sendError && (
          <p className="notice notice-error" role="alert">
            {sendError}
          </p>
        )}
        <label htmlFor="chat-composer">{t('chat.composer')}</label>
        <p className="hint" id="chat-composer-hint">
          {t('chat.composerHint')}
        </p>
        <textarea
          id="chat-composer"
          aria-describedby="chat-composer-hint"
          rows={2}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            socket?.emit('typing', channel.id);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="primary" disabled={!draft.trim()}>
          {t('chat.send')}
        </button>
      </form>
    </section>
  );
}
