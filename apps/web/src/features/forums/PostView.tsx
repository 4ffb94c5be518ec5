import { type FlagReason, forumRoutes, type Post } from '@maillage/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { call } from '../../api/client';
import { ErrorNotice } from '../../app/ui';
import { Composer } from './Composer';
import { relativeTime } from './format';

interface Props {
  post: Post;
  viewerId: string;
  topicId: string;
  canModerate: boolean;
  canReply: boolean;
  onReply: (post: Post) => void;
  onQuote: (post: Post) => void;
}

const reasons: FlagReason[] = ['spam', 'inappropriate', 'off-topic', 'other'];

function FlagDialog({ topicId, number, onClose }: { topicId: string; number: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<FlagReason>('inappropriate');
  const [note, setNote] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);
  const flag = useMutation({
    mutationFn: () => call(forumRoutes.flag, { params: { id: topicId, number }, body: { reason, note } }),
    onSuccess: onClose,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    flag.mutate();
  };
  return (
    <dialog
      ref={(element) => {
        dialog.current = element;
        if (element && !element.open) element.showModal();
      }}
      onClose={onClose}
      aria-labelledby={`flag-${number}`}
    >
      <form onSubmit={submit}>
        <h2 id={`flag-${number}`}>{t('forums.flag.title', { number })}</h2>
        <ErrorNotice error={flag.error} />
        <fieldset>
          <legend>{t('forums.flag.reason')}</legend>
          {reasons.map((candidate) => (
            <label key={candidate} className="radio">
              <input
                type="radio"
                name="reason"
                value={candidate}
                checked={reason === candidate}
                onChange={() => setReason(candidate)}
              />
              {t(`forums.flag.reasons.${candidate}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`flag-note-${number}`}>{t('forums.flag.note')}</label>
          <textarea
            id={`flag-note-${number}`}
            rows={3}
            maxLength={500}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        </div>
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={flag.isPending}>
            {t('forums.flag.submit')}
          </button>
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function Revisions({ topicId, number }: { topicId: string; number: number }) {
  const { t, i18n } = useTranslation();
  const revisions = useQuery({
    queryKey: ['revisions', topicId, number],
    queryFn: () => call(forumRoutes.postRevisions, { params: { id: topicId, number } }),
  });
  return (
    <div className="revisions">
      <h3>{t('forums.revisions')}</h3>
      <ErrorNotice error={revisions.error} />
      <ol>
        {revisions.data?.items.map((revision) => (
          <li key={revision.number}>
            <span className="muted small">
              {revision.editedBy?.displayName ?? t('forums.formerMember')} —{' '}
              {relativeTime(revision.createdAt, i18n.language)}
            </span>
            <pre className="mail-body">{revision.markdown}</pre>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** One post: its text, and what the viewer may do with it. */
export function PostView({ post, viewerId, topicId, canModerate, canReply, onReply, onQuote }: Props) {
  const own = post.author?.id === viewerId;
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [flagging, setFlagging] = useState(false);
  const [showHidden, setShowHidden] = useState(false);
  const [showRevisions, setShowRevisions] = useState(false);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['posts', topicId] });
    void queryClient.invalidateQueries({ queryKey: ['topic', topicId] });
  };
  const params = { id: topicId, number: post.number };
  const like = useMutation({
    mutationFn: () => (post.likedByMe ? call(forumRoutes.unlike, { params }) : call(forumRoutes.like, { params })),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: () => call(forumRoutes.deletePost, { params }), onSuccess: refresh });
  const moderate = useMutation({
    mutationFn: (action: 'hide' | 'restore') => call(forumRoutes.moderate, { params, body: { action } }),
    onSuccess: refresh,
  });
  const edit = useMutation({
    mutationFn: (body: string) => call(forumRoutes.updatePost, { params, body: { body } }),
    onSuccess: () => {
      setEditing(false);
      refresh();
    },
  });

  if (post.deleted) {
    return (
      <article
        className="post post-deleted"
        id={`message-${post.number}`}
        aria-label={t('forums.postNumber', { number: post.number })}
      >
        <p className="muted">{t('forums.deleted', { number: post.number })}</p>
      </article>
    );
  }

  return (
    <article className="post" id={`message-${post.number}`} aria-labelledby={`message-${post.number}-heading`}>
      <header className="post-header">
        <h2 id={`message-${post.number}-heading`} className="post-author">
          {post.author ? (
            <a href={`/membres/${post.author.handle}`}>{post.author.displayName}</a>
          ) : (
            t('forums.formerMember')
          )}
        </h2>
        <span className="muted small">
          <a href={`#message-${post.number}`}>#{post.number}</a> ·{' '}
          <time dateTime={post.createdAt}>{relativeTime(post.createdAt, i18n.language)}</time>
          {post.editedAt && <> · {t('forums.edited')}</>}
          {post.replyToNumber && (
            <>
              {' '}
              · <a href={`#message-${post.replyToNumber}`}>{t('forums.inReplyTo', { number: post.replyToNumber })}</a>
            </>
          )}
        </span>
      </header>
      {post.hidden && !showHidden ? (
        <p className="notice">
          {t('forums.hidden')}{' '}
          <button type="button" className="link-button" onClick={() => setShowHidden(true)}>
            {t('forums.showHidden')}
          </button>
        </p>
      ) : editing ? (
        <Composer
          draftKey={`maillage.brouillon.edition.${post.id}`}
          label={t('forums.editLabel', { number: post.number })}
          submitLabel={t('forums.saveEdit')}
          initial={post.markdown}
          onSubmit={(body) => edit.mutateAsync(body)}
          error={edit.error instanceof Error ? edit.error.message : undefined}
        />
      ) : (
        <div className="post-body" dangerouslySetInnerHTML={{ __html: post.html }} />
      )}
      <ErrorNotice error={like.error ?? remove.error ?? moderate.error} />
      <div className="post-actions">
        {canReply && (
          <>
            <button type="button" className="secondary" onClick={() => onReply(post)}>
              {t('forums.reply')}
              <span className="visually-hidden"> #{post.number}</span>
            </button>
            <button type="button" className="secondary" onClick={() => onQuote(post)}>
              {t('forums.quote')}
              <span className="visually-hidden"> #{post.number}</span>
            </button>
          </>
        )}
        {own ? (
          <span className="muted small">{t('forums.likeCount', { count: post.likeCount })}</span>
        ) : (
          <button type="button" className="secondary" aria-pressed={post.likedByMe} onClick={() => like.mutate()}>
            {post.likedByMe ? t('forums.unlike') : t('forums.like')} ({post.likeCount})
            <span className="visually-hidden"> #{post.number}</span>
          </button>
        )}
        {post.canEdit && !editing && (
          <button type="button" className="secondary" onClick={() => setEditing(true)}>
            {t('forums.edit')}
            <span className="visually-hidden"> #{post.number}</span>
          </button>
        )}
        {post.canEdit && (
          <button
            type="button"
            className="secondary"
            onClick={() => window.confirm(t('forums.confirmDelete')) && remove.mutate()}
          >
            {t('forums.delete')}
            <span className="visually-hidden"> #{post.number}</span>
          </button>
        )}
        {!own && (
          <button type="button" className="secondary" onClick={() => setFlagging(true)}>
            {t('forums.flag.open')}
            <span className="visually-hidden"> #{post.number}</span>
          </button>
        )}
        {canModerate && (
          <>
            <button
              type="button"
              className="secondary"
              onClick={() => moderate.mutate(post.hidden ? 'restore' : 'hide')}
            >
              {post.hidden ? t('forums.restore') : t('forums.hide')}
              <span className="visually-hidden"> #{post.number}</span>
            </button>
            {post.editedAt && (
              <button
                type="button"
                className="secondary"
                aria-expanded={showRevisions}
                onClick={() => setShowRevisions(!showRevisions)}
              >
                {t('forums.revisions')}
                <span className="visually-hidden"> #{post.number}</span>
              </button>
            )}
          </>
        )}
      </div>
      {showRevisions && <Revisions topicId={topicId} number={post.number} />}
      {flagging && <FlagDialog topicId={topicId} number={post.number} onClose={() => setFlagging(false)} />}
    </article>
  );
}
