import { type Member, memberRoutes, type Role } from '@maillage/contracts';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { call } from '../../api/client';
import { useMe } from '../../api/use-me';
import { ErrorNotice, Field } from '../../app/ui';

export function MembersPanel() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');

  const members = useInfiniteQuery({
    queryKey: ['members', search],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(memberRoutes.list, { query: { q: search || undefined, cursor: pageParam, limit: 50 } }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: { role?: Role; status?: Member['status'] } }) =>
      call(memberRoutes.update, { params: { id }, body: change }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['members'] }),
  });
  const canEdit = me?.role === 'admin';

  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">{t('admin.members')}</h2>
      <Field
        label={t('admin.membersSearch')}
        type="search"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <ErrorNotice error={members.error ?? update.error} />
      <table>
        <caption className="visually-hidden">{t('admin.members')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fields.displayName')}</th>
            <th scope="col">{t('fields.email')}</th>
            <th scope="col">{t('fields.organization')}</th>
            <th scope="col">{t('fields.role')}</th>
            <th scope="col">{t('admin.memberStatus')}</th>
          </tr>
        </thead>
        <tbody>
          {members.data?.pages
            .flatMap((page) => page.items)
            .map((member) => (
              <tr key={member.id}>
                <td>{member.displayName}</td>
                <td>{member.email}</td>
                <td>{member.organization?.shortName ?? '—'}</td>
                <td>
                  {canEdit ? (
                    <select
                      aria-label={t('admin.roleOf', { name: member.displayName })}
                      value={member.role}
                      onChange={(event) =>
                        update.mutate({ id: member.id, change: { role: event.target.value as Role } })
                      }
                    >
                      <option value="member">{t('roles.member')}</option>
                      <option value="moderator">{t('roles.moderator')}</option>
                      <option value="admin">{t('roles.admin')}</option>
                    </select>
                  ) : (
                    t(`roles.${member.role}`)
                  )}
                </td>
                <td>
                  {t(`admin.statuses.${member.status}`)}{' '}
                  {canEdit && member.id !== me?.id && (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() =>
                        update.mutate({
                          id: member.id,
                          change: { status: member.status === 'active' ? 'deactivated' : 'active' },
                        })
                      }
                    >
                      {member.status === 'active' ? t('admin.deactivate') : t('admin.reactivate')}
                      <span className="visually-hidden"> {member.displayName}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      {members.hasNextPage && (
        <button
          type="button"
          className="secondary"
          onClick={() => void members.fetchNextPage()}
          disabled={members.isFetchingNextPage}
        >
          {t('common.more')}
        </button>
      )}
    </section>
  );
}
