import { eventRoutes, type OccurrenceDetail, type RsvpStatus } from '@maillage/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';

import { call, urlOf } from '../../api/client';
import { ErrorNotice, Loading, PageTitle } from '../../app/ui';
import { formatRange } from './format';

/** `/evenements/:eventId` opens the event's next occurrence. */
export function EventRedirect() {
  const { eventId = '' } = useParams();
  const navigate = useNavigate();
  const series = useQuery({
    queryKey: ['event', eventId],
    queryFn: () => call(eventRoutes.get, { params: { id: eventId } }),
  });
  const next = series.data?.nextOccurrenceId;
  useEffect(() => {
    if (next) void navigate(`/evenements/${eventId}/${next}`, { replace: true });
  }, [next, eventId, navigate]);
  return series.error ? <ErrorNotice error={series.error} /> : <Loading />;
}

/** One occurrence: what, when, where, my answer, and for its organizer the attendees and the changes. */
export function EventPage() {
  const { eventId = '', occurrenceId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['occurrence', eventId, occurrenceId];
  const occurrence = useQuery({
    queryKey: key,
    queryFn: () => call(eventRoutes.getOccurrence, { params: { id: eventId, occurrenceId } }),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['occurrence', eventId] });
  const answer = useMutation({
    mutationFn: (status: RsvpStatus) =>
      call(eventRoutes.rsvp, { params: { id: eventId }, body: { status, occurrenceId } }),
    onSuccess: refresh,
  });
  const follow = useMutation({
    mutationFn: (following: boolean) =>
      call(following ? eventRoutes.follow : eventRoutes.unfollow, { params: { id: eventId } }),
    onSuccess: refresh,
  });
  const cancelOne = useMutation({
    mutationFn: (cancelled: boolean) =>
      call(eventRoutes.updateOccurrence, { params: { id: eventId, occurrenceId }, body: { scope: 'this', cancelled } }),
    onSuccess: refresh,
  });
  const cancelAll = useMutation({
    mutationFn: () => call(eventRoutes.cancel, { params: { id: eventId } }),
    onSuccess: refresh,
  });

  if (occurrence.isPending) return <Loading />;
  if (!occurrence.data) return <ErrorNotice error={occurrence.error} />;
  const detail = occurrence.data;
  const { event } = detail;
  const error = answer.error ?? follow.error ?? cancelOne.error ?? cancelAll.error;

  return (
    <article className="event-page">
      <PageTitle title={detail.title}>
        {detail.title} {detail.cancelled && <span className="badge badge-strong">{t('events.cancelled')}</span>}
      </PageTitle>
      <p className="muted">
        <Link to={`/espaces/${event.spaceId}`}>{event.spaceName}</Link>
        {event.rrule && <> · {t('events.recurring')}</>}
        {event.volet && <> · {t('events.voletNumber', { number: event.volet })}</>}
      </p>
      <ErrorNotice error={error} />
      <dl className="event-facts">
        <dt>{t('events.when')}</dt>
        <dd>{formatRange(detail, event.allDay, i18n.language)}</dd>
        {(detail.location.place || detail.location.address || detail.location.municipality) && (
          <>
            <dt>{t('events.where')}</dt>
            <dd>
              {[detail.location.place, detail.location.address, detail.location.municipality]
                .filter(Boolean)
                .join(', ')}
            </dd>
          </>
        )}
        {detail.location.onlineUrl && (
          <>
            <dt>{t('events.onlineLink')}</dt>
            <dd>
              <a href={detail.location.onlineUrl} rel="noopener nofollow ugc" target="_blank">
                {detail.location.onlineUrl}
              </a>
            </dd>
          </>
        )}
        {event.organization && (
          <>
            <dt>{t('events.organizer')}</dt>
            <dd>{event.organization.name}</dd>
          </>
        )}
      </dl>
      <div className="rendered" dangerouslySetInnerHTML={{ __html: detail.descriptionHtml }} />
      {event.relatedLinks.length > 0 && (
        <section aria-labelledby="related-heading">
          <h2 id="related-heading">{t('events.related')}</h2>
          <ul>
            {event.relatedLinks.map((link) => (
              <li key={link.url}>
                {link.url.startsWith('/') ? (
                  <Link to={link.url}>{link.title}</Link>
                ) : (
                  <a href={link.url} rel="noopener nofollow ugc">
                    {link.title}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <RsvpPanel detail={detail} pending={answer.isPending} onAnswer={(status) => answer.mutate(status)} />
      <div className="actions">
        <a className="button secondary" href={urlOf(eventRoutes.ics, { params: { id: eventId } })} download>
          {t('events.addToCalendar')}
        </a>
        <button
          type="button"
          className="secondary"
          onClick={() => follow.mutate(!event.following)}
          title={t('events.followHint')}
        >
          {event.following ? t('events.unfollow') : t('events.follow')}
        </button>
        {event.canEdit && (
          <>
            <Link className="button secondary" to={`/evenements/${eventId}/${occurrenceId}/modifier`}>
              {t('events.edit')}
            </Link>
            {event.rrule && !event.cancelled && (
              <button type="button" className="secondary" onClick={() => cancelOne.mutate(!detail.cancelled)}>
                {detail.cancelled ? t('events.restoreOccurrence') : t('events.cancelOccurrence')}
              </button>
            )}
            {!event.cancelled && (
              <button
                type="button"
                className="danger"
                onClick={() => window.confirm(t('events.confirmCancelSeries')) && cancelAll.mutate()}
              >
                {t('events.cancelSeries')}
              </button>
            )}
          </>
        )}
      </div>
      {event.canEdit && <Attendees eventId={eventId} occurrenceId={occurrenceId} />}
    </article>
  );
}

function RsvpPanel({
  detail,
  pending,
  onAnswer,
}: {
  detail: OccurrenceDetail;
  pending: boolean;
  onAnswer: (status: RsvpStatus) => void;
}) {
  const { t } = useTranslation();
  const capacity = detail.event.capacity;
  return (
    <section className="panel" aria-labelledby="rsvp-heading">
      <h2 id="rsvp-heading">{t('events.rsvp.title')}</h2>
      <p>
        {capacity
          ? t('events.seats', { going: detail.goingCount, capacity })
          : t('events.seatsOpen', { going: detail.goingCount })}
        {detail.waitlistCount > 0 && <> · {t('events.rsvp.waitlistCount', { count: detail.waitlistCount })}</>}
      </p>
      {detail.myRsvp && (
        <p className="notice notice-success" role="status">
          {t(`events.rsvp.state.${detail.myRsvp}`, { position: detail.myWaitlistPosition })}
        </p>
      )}
      {detail.registrationOpen ? (
        <div className="actions" role="group" aria-label={t('events.rsvp.title')}>
          {(['going', 'maybe', 'declined'] as const).map((status) => (
            <button
              key={status}
              type="button"
              className={detail.myRsvp === status ? 'primary' : 'secondary'}
              aria-pressed={detail.myRsvp === status}
              disabled={pending}
              onClick={() => onAnswer(status)}
            >
              {t(`events.rsvp.${status}`)}
            </button>
          ))}
        </div>
      ) : (
        <p className="muted">{t('events.rsvp.closed')}</p>
      )}
    </section>
  );
}

function Attendees({ eventId, occurrenceId }: { eventId: string; occurrenceId: string }) {
  const { t } = useTranslation();
  const attendees = useQuery({
    queryKey: ['occurrence', eventId, occurrenceId, 'attendees'],
    queryFn: () => call(eventRoutes.attendees, { params: { id: eventId, occurrenceId } }),
  });
  return (
    <section aria-labelledby="attendees-heading">
      <div className="section-header">
        <h2 id="attendees-heading">{t('events.attendees')}</h2>
        <a
          className="button secondary"
          href={urlOf(eventRoutes.attendeesCsv, { params: { id: eventId, occurrenceId } })}
        >
          {t('events.attendeesCsv')}
        </a>
      </div>
      <ErrorNotice error={attendees.error} />
      {attendees.data && attendees.data.items.length === 0 && <p>{t('events.noAttendees')}</p>}
      <ul className="attendee-list">
        {attendees.data?.items.map((attendee, index) => (
          <li key={attendee.person?.id ?? index}>
            {attendee.person?.displayName} <span className="muted">{attendee.organizationName}</span>{' '}
            <span className="badge">
              {attendee.status === 'waitlisted'
                ? t('events.rsvp.state.waitlisted', { position: attendee.waitlistPosition })
                : t(`events.rsvp.${attendee.status}`)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
