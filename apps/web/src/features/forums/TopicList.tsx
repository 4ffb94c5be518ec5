import type { TopicSummary } from '@maillage/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { relativeTime } from './format';

interface Props {
  topics: TopicSummary[];
  showSpace?: boolean;
}

/** Topics as a table: title with its badges, replies, likes, last activity. */
export function TopicList({ topics, showSpace = false }: Props) {
  const { t, i18n } = useTranslation();
  if (topics.length === 0) return <p>{t('forums.noTopics')}</p>;
  return (
    <table className="topic-table">
      <caption className="visually-hidden">{t('forums.topics')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('forums.topic')}</th>
          <th scope="col">{t('forums.replies')}</th>
          <th scope="col">{t('forums.likes')}</th>
          <th scope="col">{t('forums.activity')}</th>
        </tr>
      </thead>
      <tbody>
        {topics.map((topic) => {
          const firstUnread = topic.unreadCount > 0 ? topic.lastReadNumber + 1 : 1;
          return (
            <tr key={topic.id}>
              <td>
                <div className="topic-title">
                  {topic.announcement && <span className="badge badge-strong">{t('forums.announcement')}</span>}
                  {topic.pinned && <span className="badge">{t('forums.pinned')}</span>}
                  {topic.locked && <span className="badge">{t('forums.locked')}</span>}
                  <Link to={`/sujets/${topic.id}${firstUnread > 1 ? `?depuis=${firstUnread}` : ''}`}>
                    {topic.title}
                  </Link>
                  {topic.isNew && <span className="badge badge-new">{t('forums.new')}</span>}
                  {topic.unreadCount > 0 && (
                    <span className="badge badge-unread">{t('forums.unread', { count: topic.unreadCount })}</span>
                  )}
                </div>
                <div className="muted small">
                  {showSpace && <>{topic.spaceName} · </>}
                  {topic.author?.displayName ?? t('forums.formerMember')}
                  {topic.tags.length > 0 && <> · {topic.tags.map((tag) => `#${tag}`).join(' ')}</>}
                </div>
              </td>
              <td>{topic.postCount - 1}</td>
              <td>{topic.likeCount}</td>
              <td>
                <time dateTime={topic.lastPostedAt}>{relativeTime(topic.lastPostedAt, i18n.language)}</time>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
