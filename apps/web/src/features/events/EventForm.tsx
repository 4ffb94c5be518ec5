import { DEFAULT_TIME_ZONE, eventRoutes, type OccurrenceDetail, type RelatedLink } from '@maillage/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';

import { call } from '../../api/client';
import { useOrganizations } from '../../api/use-network';
import { ErrorNotice, Field, fieldErrorsOf, Loading, PageTitle, SelectField } from '../../app/ui';
import { SpaceSelectField } from '../spaces/SpaceSelectField';
import { draftOf, emptyRecurrence, RecurrenceEditor, ruleOf } from './RecurrenceEditor';

type Scope = 'series' | 'this' | 'following';

const linksOf = (text: string): RelatedLink[] =>
  text
    .split('\n')
    .map((line) => line.split('|').map((part) => part.trim()))
    .filter(([title, url]) => title && url)
    .map(([title, url]) => ({ title: title!, url: url! }));

/** Tomorrow at 9:00, local, as the first suggestion. */
const tomorrowAt = (hour: number) => {
  const date = new Date(Date.now() + 86_400_000);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(hour)}:00`;
};

/** Create and edit form: `/evenements/nouveau`, or `/evenements/:eventId/:occurrenceId/modifier`. */
export function EventFormPage() {
  const { eventId, occurrenceId } = useParams();
  const editing = eventId && occurrenceId;
  const occurrence = useQuery({
    queryKey: ['occurrence', eventId, occurrenceId],
    queryFn: () => call(eventRoutes.getOccurrence, { params: { id: eventId!, occurrenceId: occurrenceId! } }),
    enabled: Boolean(editing),
  });
  if (editing && occurrence.isPending) return <Loading />;
  if (editing && !occurrence.data) return <ErrorNotice error={occurrence.error} />;
  return <EventForm existing={occurrence.data} />;
}

function EventForm({ existing }: { existing?: OccurrenceDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const series = existing?.event;
  const organizations = useOrganizations();
  const municipalities = (organizations.data?.items ?? []).flatMap((organization) => organization.municipalities);

  const [scope, setScope] = useState<Scope>('series');
  const [form, setForm] = useState({
    spaceId: series?.spaceId ?? '',
    title: series?.title ?? '',
    description: series?.description ?? '',
    start: series?.start ?? tomorrowAt(9),
    end: series?.end ?? tomorrowAt(10),
    allDay: series?.allDay ?? false,
    timeZone: series?.timeZone ?? DEFAULT_TIME_ZONE,
    place: series?.location.place ?? '',
    address: series?.location.address ?? '',
    municipality: series?.location.municipality ?? '',
    onlineUrl: series?.location.onlineUrl ?? '',
    organizationId: series?.organization?.id ?? '',
    volet: series?.volet ? String(series.volet) : '',
    tags: series?.tags.join(', ') ?? '',
    capacity: series?.capacity ? String(series.capacity) : '',
    registrationDeadline: series?.registrationDeadline ?? '',
    relatedLinks: series?.relatedLinks.map((link) => `${link.title} | ${link.url}`).join('\n') ?? '',
  });
  const [recurrence, setRecurrence] = useState(series ? draftOf(series.rrule) : emptyRecurrence);
  const set = (key: keyof typeof form) => (event: { target: { value: string; type?: string; checked?: boolean } }) =>
    setForm({ ...form, [key]: event.target.type === 'checkbox' ? event.target.checked : event.target.value });

  // In an occurrence edit, its own times are the ones shown and changed.
  const shownStart = existing && scope !== 'series' ? existing.start : form.start;
  const shownEnd = existing && scope !== 'series' ? existing.end : form.end;
  const [occurrenceTimes, setOccurrenceTimes] = useState({ start: existing?.start ?? '', end: existing?.end ?? '' });

  const save = useMutation({
    mutationFn: async () => {
      const nullable = (value: string) => value.trim() || null;
      const location = {
        place: nullable(form.place),
        address: nullable(form.address),
        municipality: nullable(form.municipality),
        onlineUrl: nullable(form.onlineUrl),
      };
      const rrule = ruleOf(recurrence, form.start);
      const fields = {
        title: form.title,
        description: form.description,
        start: form.allDay ? `${form.start.slice(0, 10)}T00:00` : form.start,
        end: form.allDay ? `${form.end.slice(0, 10)}T00:00` : form.end,
        allDay: form.allDay,
        timeZone: form.timeZone,
        ...location,
        organizationId: form.organizationId || null,
        volet: form.volet ? Number(form.volet) : null,
        tags: form.tags
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean),
        capacity: form.capacity ? Number(form.capacity) : null,
        registrationDeadline: form.registrationDeadline || null,
        rrule,
        relatedLinks: linksOf(form.relatedLinks),
      };
      if (!existing) {
        const created = await call(eventRoutes.create, { body: { spaceId: form.spaceId, ...fields } });
        return { eventId: created.eventId, occurrenceId: created.id };
      }
      if (scope === 'series') {
        const updated = await call(eventRoutes.update, {
          params: { id: existing.eventId },
          body: { spaceId: form.spaceId, ...fields },
        });
        return { eventId: updated.id, occurrenceId: existing.id };
      }
      const changed = await call(eventRoutes.updateOccurrence, {
        params: { id: existing.eventId, occurrenceId: existing.id },
        body: {
          scope,
          title: form.title,
          description: form.description,
          start: occurrenceTimes.start,
          end: occurrenceTimes.end,
          ...location,
          ...(scope === 'following' ? { rrule } : {}),
        },
      });
      return { eventId: changed.eventId, occurrenceId: changed.id };
    },
    onSuccess: ({ eventId, occurrenceId }) => void navigate(`/evenements/${eventId}/${occurrenceId}`),
  });
  const errors = fieldErrorsOf(save.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const title = existing ? t('events.form.editTitle') : t('events.form.createTitle');
  const timeType = form.allDay ? 'date' : 'datetime-local';

  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <form className="event-form" onSubmit={onSubmit} noValidate>
        <ErrorNotice error={save.error} />
        {existing?.event.rrule && (
          <SelectField
            label={t('events.form.scope')}
            value={scope}
            onChange={(event) => setScope(event.target.value as Scope)}
          >
            <option value="series">{t('events.form.scopeSeries')}</option>
            <option value="this">{t('events.form.scopeThis')}</option>
            <option value="following">{t('events.form.scopeFollowing')}</option>
          </SelectField>
        )}
        {scope === 'series' && (
          <SpaceSelectField
            value={form.spaceId}
            onChange={(spaceId) => setForm({ ...form, spaceId })}
            error={errors.spaceId}
          />
        )}
        <Field
          label={t('events.form.title')}
          value={form.title}
          onChange={set('title')}
          error={errors.title}
          required
        />
        <div className="field">
          <label htmlFor="event-description">{t('events.form.description')}</label>
          <textarea id="event-description" rows={5} value={form.description} onChange={set('description')} />
        </div>
        {scope === 'series' && (
          <label className="checkbox">
            <input type="checkbox" checked={form.allDay} onChange={set('allDay')} /> {t('events.form.allDay')}
          </label>
        )}
        <div className="field-row">
          <Field
            label={t('events.form.start')}
            type={timeType}
            value={form.allDay ? shownStart.slice(0, 10) : shownStart}
            onChange={(event) =>
              scope === 'series'
                ? setForm({ ...form, start: form.allDay ? `${event.target.value}T00:00` : event.target.value })
                : setOccurrenceTimes({ ...occurrenceTimes, start: event.target.value })
            }
            error={errors.start}
            required
          />
          <Field
            label={t('events.form.end')}
            type={timeType}
            value={form.allDay ? shownEnd.slice(0, 10) : shownEnd}
            onChange={(event) =>
              scope === 'series'
                ? setForm({ ...form, end: form.allDay ? `${event.target.value}T00:00` : event.target.value })
                : setOccurrenceTimes({ ...occurrenceTimes, end: event.target.value })
            }
            error={errors.end}
            required
          />
          {scope === 'series' && (
            <Field
              label={t('events.form.timeZone')}
              value={form.timeZone}
              onChange={set('timeZone')}
              error={errors.timeZone}
            />
          )}
        </div>
        {scope !== 'this' && <RecurrenceEditor value={recurrence} onChange={setRecurrence} error={errors.rrule} />}
        <div className="field-row">
          <Field label={t('events.form.place')} value={form.place} onChange={set('place')} error={errors.place} />
          <Field
            label={t('events.form.address')}
            value={form.address}
            onChange={set('address')}
            error={errors.address}
          />
          <Field
            label={t('events.form.municipality')}
            value={form.municipality}
            onChange={set('municipality')}
            error={errors.municipality ?? errors.mrcCode}
            list="region-municipalities"
          />
          <datalist id="region-municipalities">
            {municipalities.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
        <Field
          label={t('events.form.onlineUrl')}
          type="url"
          value={form.onlineUrl}
          onChange={set('onlineUrl')}
          error={errors.onlineUrl}
        />
        {scope === 'series' && (
          <>
            <div className="field-row">
              <SelectField
                label={t('events.form.organization')}
                value={form.organizationId}
                onChange={set('organizationId')}
              >
                <option value="">{t('events.form.none')}</option>
                {organizations.data?.items.map((organization) => (
                  <option key={organization.id} value={organization.id}>
                    {organization.name}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t('events.volet')} value={form.volet} onChange={set('volet')}>
                <option value="">{t('events.form.none')}</option>
                {[1, 2, 3, 4].map((number) => (
                  <option key={number} value={number}>
                    {t('events.voletNumber', { number })}
                  </option>
                ))}
              </SelectField>
            </div>
            <Field
              label={t('events.form.tags')}
              hint={t('events.form.tagsHint')}
              value={form.tags}
              onChange={set('tags')}
              error={errors.tags ?? errors['tags.0']}
            />
            <div className="field-row">
              <Field
                label={t('events.form.capacity')}
                hint={t('events.form.capacityHint')}
                type="number"
                min={1}
                value={form.capacity}
                onChange={set('capacity')}
                error={errors.capacity}
              />
              <Field
                label={t('events.form.deadline')}
                type="datetime-local"
                value={form.registrationDeadline}
                onChange={set('registrationDeadline')}
                error={errors.registrationDeadline}
              />
            </div>
            <div className="field">
              <label htmlFor="event-links">{t('events.form.relatedLinks')}</label>
              <p className="hint">{t('events.form.relatedLinksHint')}</p>
              <textarea id="event-links" rows={3} value={form.relatedLinks} onChange={set('relatedLinks')} />
            </div>
          </>
        )}
        <button type="submit" className="primary" disabled={save.isPending}>
          {existing ? t('events.form.save') : t('events.form.create')}
        </button>
      </form>
    </>
  );
}
