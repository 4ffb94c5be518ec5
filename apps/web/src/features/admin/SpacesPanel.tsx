import { memberRoutes, type Space, spaceRoutes, type SpaceVisibility } from '@maillage/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { call } from '../../api/client';
import { ErrorNotice, Field, fieldErrorsOf, SelectField } from '../../app/ui';

function SpaceMembers({ space }: { space: Space }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [userId, setUserId] = useState('');
  const members = useQuery({
    queryKey: ['space', space.id, 'members'],
    queryFn: () => call(spaceRoutes.listMembers, { params: { id: space.id } }),
  });
  const everyone = useQuery({
    queryKey: ['members', 'all'],
    queryFn: () => call(memberRoutes.list, { query: { limit: 100 } }),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['space', space.id] });
    void queryClient.invalidateQueries({ queryKey: ['spaces'] });
  };
  const add = useMutation({
    mutationFn: () => call(spaceRoutes.addMember, { params: { id: space.id }, body: { userId } }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (memberId: string) => call(spaceRoutes.removeMember, { params: { id: space.id, userId: memberId } }),
    onSuccess: refresh,
  });
  const inSpace = new Set(members.data?.items.map((member) => member.userId));

  return (
    <div className="space-members">
      <ErrorNotice error={add.error ?? remove.error} />
      <ul>
        {members.data?.items.map((member) => (
          <li key={member.userId}>
            {member.displayName}{' '}
            <button type="button" className="secondary" onClick={() => remove.mutate(member.userId)}>
              {t('admin.spacesPanel.remove')}
              <span className="visually-hidden"> {member.displayName}</span>
            </button>
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (userId) add.mutate();
        }}
      >
        <SelectField
          label={t('admin.spacesPanel.addMember', { space: space.name })}
          value={userId}
          onChange={(event) => setUserId(event.target.value)}
        >
          <option value="">{t('admin.spacesPanel.chooseMember')}</option>
          {everyone.data?.items
            .filter((member) => member.status === 'active' && !inSpace.has(member.id))
            .map((member) => (
              <option key={member.id} value={member.id}>
                {member.displayName} ({member.organization?.shortName ?? member.email})
              </option>
            ))}
        </SelectField>
        <button type="submit" className="secondary" disabled={!userId || add.isPending}>
          {t('admin.spacesPanel.add')}
        </button>
      </form>
    </div>
  );
}

export function SpacesPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [visibility, setVisibility] = useState<SpaceVisibility>('private');
  const [open, setOpen] = useState<string>();

  const spaces = useQuery({ queryKey: ['spaces'], queryFn: () => call(spaceRoutes.list) });
  const create = useMutation({
    mutationFn: () => call(spaceRoutes.create, { body: { name, description, visibility } }),
    onSuccess: (space) => {
      setName('');
      setDescription('');
      setOpen(space.id);
      void queryClient.invalidateQueries({ queryKey: ['spaces'] });
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const update = useMutation({
    mutationFn: ({ id, next }: { id: string; next: SpaceVisibility }) =>
      call(spaceRoutes.update, { params: { id }, body: { visibility: next } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['spaces'] }),
  });
  const errors = fieldErrorsOf(create.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <section aria-labelledby="spaces-heading">
      <h2 id="spaces-heading">{t('admin.spacesPanel.create')}</h2>
      <ErrorNotice error={create.error} />
      <form onSubmit={submit} noValidate className="inline-form">
        <Field
          label={t('fields.spaceName')}
          required
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors.name ?? errors.slug}
        />
        <Field
          label={t('fields.description')}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          error={errors.description}
        />
        <SelectField
          label={t('fields.visibility')}
          value={visibility}
          onChange={(event) => setVisibility(event.target.value as SpaceVisibility)}
        >
          <option value="private">{t('spaces.private')}</option>
          <option value="network">{t('spaces.network')}</option>
        </SelectField>
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('admin.spacesPanel.createSubmit')}
        </button>
      </form>

      <h2>{t('admin.spaces')}</h2>
      <ErrorNotice error={spaces.error ?? update.error} />
      <ul className="admin-spaces">
        {spaces.data?.items.map((space) => (
          <li key={space.id}>
            <div className="admin-space-row">
              <strong>{space.name}</strong>
              <span className="badge">{t(space.visibility === 'private' ? 'spaces.private' : 'spaces.network')}</span>
              <span className="muted">{t('spaces.members', { count: space.memberCount })}</span>
              <button
                type="button"
                className="secondary"
                onClick={() =>
                  update.mutate({ id: space.id, next: space.visibility === 'private' ? 'network' : 'private' })
                }
              >
                {space.visibility === 'private'
                  ? t('admin.spacesPanel.makeNetwork')
                  : t('admin.spacesPanel.makePrivate')}
                <span className="visually-hidden"> {space.name}</span>
              </button>
              <button
                type="button"
                className="secondary"
                aria-expanded={open === space.id}
                onClick={() => setOpen(open === space.id ? undefined : space.id)}
              >
                {t('admin.spacesPanel.manageMembers')}
                <span className="visually-hidden"> {space.name}</span>
              </button>
            </div>
            {open === space.id && <SpaceMembers space={space} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
