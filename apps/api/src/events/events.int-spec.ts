import ICAL from 'ical.js';
import { DateTime } from 'luxon';

import { createTestContext, type TestClient, type TestContext } from '../../test/test-app';
import { EventReminders } from './event-reminders';
import { EventsService } from './events.service';

let context: TestContext;
let regional: { id: string };
let committee: { id: string };

beforeAll(async () => {
  context = await createTestContext();
  regional = await context.spaceBySlug('reseau-regional');
  committee = await context.spaceBySlug('comite-directeur');
});

afterAll(() => context.close());

const ZONE = 'America/Toronto';
const member = (options: Parameters<TestContext['makeMember']>[0] = {}) => context.signedInMember(options);

/** A local time `days` from now at `hour`:00, as the create form sends it. */
const localIn = (days: number, hour: number, minute = 0) =>
  DateTime.now().setZone(ZONE).plus({ days }).set({ hour, minute }).toFormat("yyyy-MM-dd'T'HH:mm");

async function createEvent(client: TestClient, fields: Record<string, unknown> = {}) {
  const response = await client.post('/api/v1/events', {
    spaceId: regional.id,
    title: 'Rencontre des agents de développement social',
    description: 'Ordre du jour : **bilan** du volet 1.',
    start: localIn(10, 9),
    end: localIn(10, 11),
    municipality: 'Rimouski',
    ...fields,
  });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return response.body as { id: string; eventId: string; startsAt: string };
}

async function listRange(client: TestClient, from: string, to: string, extra = '') {
  const response = await client.get(`/api/v1/events?from=${from}&to=${to}${extra}`);
  expect(response.status).toBe(200);
  return response.body.items as {
    id: string;
    eventId: string;
    title: string;
    startsAt: string;
    cancelled: boolean;
    myRsvp: string | null;
  }[];
}

async function addToSpace(spaceId: string, userId: string) {
  await context.dataSource.query('INSERT INTO space_members (space_id, user_id) VALUES ($1, $2)', [spaceId, userId]);
}

const localClock = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toFormat('HH:mm');

describe('events and recurrence', () => {
  it('keeps a weekly 9:00 meeting at 9:00 local from 2026-11-01 to 2027-03-14 and past both changes', async () => {
    const { client } = await member();
    const created = await createEvent(client, {
      title: 'Comité hebdomadaire du volet 2',
      start: '2026-10-29T09:00',
      end: '2026-10-29T10:00',
      rrule: 'FREQ=WEEKLY;BYDAY=TH;UNTIL=20270401',
    });
    expect(created.startsAt).toBe('2026-10-29T13:00:00.000Z');
    const november = (await listRange(client, '2026-10-25', '2026-12-01')).filter((o) => o.eventId === created.eventId);
    const march = (await listRange(client, '2027-03-01', '2027-04-02')).filter((o) => o.eventId === created.eventId);
    expect(november.map((o) => o.startsAt)).toEqual([
      '2026-10-29T13:00:00.000Z',
      '2026-11-05T14:00:00.000Z',
      '2026-11-12T14:00:00.000Z',
      '2026-11-19T14:00:00.000Z',
      '2026-11-26T14:00:00.000Z',
    ]);
    expect(march.map((o) => o.startsAt)).toEqual([
      '2027-03-04T14:00:00.000Z',
      '2027-03-11T14:00:00.000Z',
      '2027-03-18T13:00:00.000Z',
      '2027-03-25T13:00:00.000Z',
      '2027-04-01T13:00:00.000Z',
    ]);
    expect([...november, ...march].every((o) => localClock(o.startsAt) === '09:00')).toBe(true);
  });

  it('writes the occurrences of an open-ended series further ahead as time passes', async () => {
    const { client } = await member();
    const created = await createEvent(client, { title: 'Café-rencontre mensuel', rrule: 'FREQ=MONTHLY' });
    const count = async () =>
      (
        await context.dataSource.query('SELECT count(*)::int AS count FROM event_occurrences WHERE event_id = $1', [
          created.eventId,
        ])
      )[0].count as number;
    const before = await count();
    expect(before).toBeGreaterThanOrEqual(24);
    const inSixMonths = DateTime.now().plus({ months: 6 }).toJSDate();
    expect(await context.app.get(EventsService).extendHorizons(inSixMonths)).toBeGreaterThanOrEqual(1);
    expect(await count()).toBe(before + 6);
    // A second run at the same moment finds nothing left to write.
    expect(await context.app.get(EventsService).extendHorizons(inSixMonths)).toBe(0);
  });

  it('links related resources: a page of the library or an address elsewhere', async () => {
    const { client } = await member();
    const relatedLinks = [
      { title: 'Guide des haltes-chaleur', url: '/ressources/01900000-0000-7000-8000-000000000000' },
      { title: 'Site du CISSS', url: 'https://www.cisss-bsl.gouv.qc.ca/' },
    ];
    const created = await createEvent(client, { relatedLinks });
    expect((await client.get(`/api/v1/events/${created.eventId}`)).body.relatedLinks).toEqual(relatedLinks);
  });

  it('cancels or moves one occurrence, and a change to the series leaves the moved one where it was put', async () => {
    const { client } = await member();
    const first = await createEvent(client, {
      start: localIn(7, 9),
      end: localIn(7, 10),
      rrule: 'FREQ=WEEKLY;COUNT=4',
    });
    const eventId = first.eventId;
    const series = (await listRange(client, localIn(6, 0).slice(0, 10), localIn(35, 0).slice(0, 10))).filter(
      (o) => o.eventId === eventId,
    );
    expect(series).toHaveLength(4);
    const [, second, third] = series;
    const cancel = await client.patch(`/api/v1/events/${eventId}/occurrences/${second!.id}`, {
      scope: 'this',
      cancelled: true,
    });
    expect(cancel.status).toBe(200);
    expect(cancel.body.cancelled).toBe(true);
    const moved = await client.patch(`/api/v1/events/${eventId}/occurrences/${third!.id}`, {
      scope: 'this',
      start: localIn(21, 14),
      end: localIn(21, 15, 30),
      title: 'Séance déplacée à l’après-midi',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ title: 'Séance déplacée à l’après-midi', start: localIn(21, 14) });

    const retitled = await client.patch(`/api/v1/events/${eventId}`, {
      title: 'Rencontre mensuelle',
      start: localIn(7, 8),
      end: localIn(7, 9),
    });
    expect(retitled.status).toBe(200);
    const after = (await listRange(client, localIn(6, 0).slice(0, 10), localIn(35, 0).slice(0, 10))).filter(
      (o) => o.eventId === eventId,
    );
    expect(after.map((o) => [localClock(o.startsAt), o.cancelled, o.title])).toEqual([
      ['08:00', false, 'Rencontre mensuelle'],
      ['08:00', true, 'Rencontre mensuelle'],
      ['14:00', false, 'Séance déplacée à l’après-midi'],
      ['08:00', false, 'Rencontre mensuelle'],
    ]);
    expect(after.map((o) => o.id)).toEqual(series.map((o) => o.id));
  });

  it('changes this occurrence and the following ones: a new series carrying the later answers', async () => {
    const { client } = await member();
    const { client: attendee } = await member();
    const first = await createEvent(client, {
      start: localIn(3, 9),
      end: localIn(3, 10),
      rrule: 'FREQ=WEEKLY;COUNT=5',
    });
    const occurrences = (await listRange(client, localIn(2, 0).slice(0, 10), localIn(40, 0).slice(0, 10))).filter(
      (o) => o.eventId === first.eventId,
    );
    const fourth = occurrences[3]!;
    expect(
      (await attendee.post(`/api/v1/events/${first.eventId}/rsvp`, { status: 'going', occurrenceId: fourth.id }))
        .status,
    ).toBe(200);

    const split = await client.patch(`/api/v1/events/${first.eventId}/occurrences/${occurrences[2]!.id}`, {
      scope: 'following',
      start: localIn(17, 13),
      end: localIn(17, 14),
      place: 'Salle du conseil, Rimouski',
    });
    expect(split.status).toBe(200);
    expect(split.body.eventId).not.toBe(first.eventId);
    const all = await listRange(attendee, localIn(2, 0).slice(0, 10), localIn(40, 0).slice(0, 10));
    const old = all.filter((o) => o.eventId === first.eventId);
    const next = all.filter((o) => o.eventId === split.body.eventId);
    expect(old.map((o) => localClock(o.startsAt))).toEqual(['09:00', '09:00']);
    expect(next.map((o) => localClock(o.startsAt))).toEqual(['13:00', '13:00', '13:00']);
    // The answer moved with its occurrence (same day, new time).
    expect(next.find((o) => o.id === fourth.id)?.myRsvp).toBe('going');
    expect(split.body.location.place).toBe('Salle du conseil, Rimouski');
    const oldSeries = await client.get(`/api/v1/events/${first.eventId}`);
    expect(oldSeries.body.rrule).toMatch(/UNTIL=/);
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const { client } = await member();
    const [{ count: before }] = await context.dataSource.query('SELECT count(*)::int AS count FROM events');
    const cases: [Record<string, unknown>, string][] = [
      [{ start: localIn(5, 10), end: localIn(5, 9) }, 'body.end'],
      [{ rrule: 'FREQ=WEEKLY;BYDAY=XX' }, 'body.rrule'],
      [{ rrule: 'TOUS LES JEUDIS' }, 'body.rrule'],
      [{ timeZone: 'America/Rimouski' }, 'body.timeZone'],
      [{ start: localIn(5, 9), end: localIn(50, 9) }, 'body.end'],
      [{ relatedLinks: [{ title: 'Piège', url: 'javascript:alert(1)' }] }, 'body.relatedLinks.0.url'],
    ];
    for (const [fields, path] of cases) {
      const response = await client.post('/api/v1/events', {
        spaceId: regional.id,
        title: 'Formation',
        start: localIn(5, 9),
        end: localIn(5, 10),
        ...fields,
      });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    const [{ count: after }] = await context.dataSource.query('SELECT count(*)::int AS count FROM events');
    expect(after).toBe(before);
    await context.drainOutbox();
  });
});

describe('answers and the waitlist', () => {
  it('never overbooks 5 seats under 20 concurrent answers, and promotes the waitlist in order', async () => {
    const { client: organizer } = await member();
    const created = await createEvent(organizer, { title: 'Formation sur l’analyse différenciée', capacity: 5 });
    const attendees = await Promise.all(Array.from({ length: 20 }, () => member()));
    const answers = await Promise.all(
      attendees.map(({ client }) => client.post(`/api/v1/events/${created.eventId}/rsvp`, { status: 'going' })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    const going = answers.filter((answer) => answer.body.status === 'going');
    const waiting = answers.filter((answer) => answer.body.status === 'waitlisted');
    expect(going).toHaveLength(5);
    expect(waiting.map((answer) => answer.body.waitlistPosition).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 15 }, (_, index) => index + 1),
    );
    const [{ goingCount }] = await context.dataSource.query(
      'SELECT going_count AS "goingCount" FROM event_occurrences WHERE id = $1',
      [created.id],
    );
    expect(goingCount).toBe(5);

    const byPosition = (position: number) =>
      attendees[answers.findIndex((answer) => answer.body.waitlistPosition === position)]!;
    const leaver = attendees[answers.findIndex((answer) => answer.body.status === 'going')]!;
    expect(
      (await leaver.client.post(`/api/v1/events/${created.eventId}/rsvp`, { status: 'declined' })).body.status,
    ).toBe('declined');
    const firstInLine = await byPosition(1).client.get(`/api/v1/events/${created.eventId}/occurrences/${created.id}`);
    expect(firstInLine.body).toMatchObject({ myRsvp: 'going', goingCount: 5, waitlistCount: 14 });
    const secondInLine = await byPosition(2).client.get(`/api/v1/events/${created.eventId}/occurrences/${created.id}`);
    expect(secondInLine.body).toMatchObject({ myRsvp: 'waitlisted', myWaitlistPosition: 1 });

    // Two seats more: the next two in line, in order.
    expect((await organizer.patch(`/api/v1/events/${created.eventId}`, { capacity: 7 })).status).toBe(200);
    for (const position of [2, 3]) {
      const view = await byPosition(position).client.get(`/api/v1/events/${created.eventId}/occurrences/${created.id}`);
      expect(view.body.myRsvp).toBe('going');
    }
    expect(
      (await byPosition(4).client.get(`/api/v1/events/${created.eventId}/occurrences/${created.id}`)).body.myRsvp,
    ).toBe('waitlisted');

    await context.drainOutbox();
    const notices = (await byPosition(1).client.get('/api/v1/notifications')).body.items;
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'event-seat-granted',
        subject: expect.stringContaining('Formation sur l’analyse différenciée'),
        url: `/evenements/${created.eventId}/${created.id}`,
      }),
    ]);
  });

  it('gives the organizer the attendee list and a CSV export, and no one else', async () => {
    const { client: organizer } = await member();
    const { client: guest } = await member({ displayName: 'Élise Côté' });
    const created = await createEvent(organizer, { title: 'Journée régionale : égalité' });
    await guest.post(`/api/v1/events/${created.eventId}/rsvp`, { status: 'maybe' });
    const list = await organizer.get(`/api/v1/events/${created.eventId}/occurrences/${created.id}/attendees`);
    expect(list.body.items).toEqual([
      expect.objectContaining({ status: 'maybe', person: expect.objectContaining({ displayName: 'Élise Côté' }) }),
    ]);
    const csv = await organizer.get(`/api/v1/events/${created.eventId}/occurrences/${created.id}/attendees.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('participants-')}`);
    expect(decodeURIComponent(csv.headers['content-disposition']!)).toContain('Journée régionale : égalité.csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Nom,Courriel,Organisation,Réponse,Rang en liste d’attente,Répondu le');
    expect(lines[1]).toMatch(/^Élise Côté,.*,Peut-être,,/);
    expect((await guest.get(`/api/v1/events/${created.eventId}/occurrences/${created.id}/attendees`)).status).toBe(403);
  });

  it('refuses answers to a cancelled occurrence and after the registration deadline', async () => {
    const { client: organizer } = await member();
    const { client: guest } = await member();
    const closed = await createEvent(organizer, { registrationDeadline: localIn(-1, 9) });
    const late = await guest.post(`/api/v1/events/${closed.eventId}/rsvp`, { status: 'going' });
    expect(late.status).toBe(409);
    const cancelled = await createEvent(organizer);
    expect((await organizer.delete(`/api/v1/events/${cancelled.eventId}`)).status).toBe(204);
    expect((await guest.post(`/api/v1/events/${cancelled.eventId}/rsvp`, { status: 'going' })).status).toBe(409);
  });

  it('sends each reminder once, whatever the number of runs', async () => {
    const { client: organizer } = await member();
    const { client: guest } = await member();
    const minutesFromNow = (minutes: number) =>
      DateTime.now().setZone(ZONE).plus({ minutes }).toFormat("yyyy-MM-dd'T'HH:mm");
    const soon = await createEvent(organizer, {
      title: 'Webinaire sur le logement',
      start: minutesFromNow(40),
      end: minutesFromNow(100),
    });
    const tomorrow = await createEvent(organizer, {
      title: 'Atelier proche aidance',
      start: minutesFromNow(300),
      end: minutesFromNow(360),
    });
    const later = await createEvent(organizer, { title: 'Colloque', start: localIn(5, 9), end: localIn(5, 10) });
    for (const event of [soon, tomorrow, later]) {
      expect((await guest.post(`/api/v1/events/${event.eventId}/rsvp`, { status: 'going' })).status).toBe(200);
    }
    const reminders = context.app.get(EventReminders);
    await Promise.all([reminders.sendDue(), reminders.sendDue(), reminders.sendDue()]);
    await reminders.sendDue();
    await context.drainOutbox();
    const kinds = (await guest.get('/api/v1/notifications')).body.items.map(
      (notification: { kind: string; subject: string }) =>
        `${notification.kind} ${notification.subject.split(' — ')[0]}`,
    );
    expect(kinds).toContain('event-reminder-1h Webinaire sur le logement');
    expect(kinds).not.toContain('event-reminder-24h Webinaire sur le logement');
    expect(kinds).toContain('event-reminder-24h Atelier proche aidance');
    expect(kinds.filter((kind: string) => kind.startsWith('event-reminder'))).toHaveLength(2);
  });
});

describe('access and calendar feeds', () => {
  it('keeps a private space’s events out of a non-member’s calendar, pages and feed', async () => {
    const { user: insider, client: insiderClient } = await member();
    const { user: outsider, client: outsiderClient } = await member();
    await addToSpace(committee.id, insider.id);
    await addToSpace(committee.id, outsider.id);
    const secret = await createEvent(insiderClient, { spaceId: committee.id, title: 'Comité directeur : budget' });
    const open = await createEvent(insiderClient, { title: 'Forum régional ouvert' });
    await outsiderClient.post(`/api/v1/events/${secret.eventId}/rsvp`, { status: 'going' });
    await outsiderClient.put(`/api/v1/events/${open.eventId}/follow`);
    const feed = await outsiderClient.post('/api/v1/me/calendar-feed');
    expect(feed.status).toBe(201);
    const feedPath = new URL(feed.body.url).pathname;
    const anonymous = await context.client();
    expect((await anonymous.get(feedPath)).text).toContain('Comité directeur : budget');

    await context.dataSource.query('DELETE FROM space_members WHERE space_id = $1 AND user_id = $2', [
      committee.id,
      outsider.id,
    ]);
    const ics = await anonymous.get(feedPath);
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(ics.text).toContain('Forum régional ouvert');
    expect(ics.text).not.toContain('Comité directeur');
    const day = DateTime.fromISO(secret.startsAt).setZone(ZONE);
    const visible = await listRange(outsiderClient, day.toISODate()!, day.plus({ days: 1 }).toISODate()!);
    expect(visible.map((o) => o.eventId)).not.toContain(secret.eventId);
    expect((await outsiderClient.get(`/api/v1/events/${secret.eventId}`)).status).toBe(404);
    expect((await outsiderClient.get(`/api/v1/events/${secret.eventId}/calendar.ics`)).status).toBe(404);
    expect((await outsiderClient.post(`/api/v1/events/${secret.eventId}/rsvp`, { status: 'going' })).status).toBe(404);

    await context.drainOutbox();
    const search = async (client: TestClient) =>
      (await client.get(`/api/v1/search?q=${encodeURIComponent('budget comité directeur')}&type=event`)).body.items;
    expect((await search(insiderClient)).map((hit: { id: string }) => hit.id)).toContain(secret.eventId);
    expect(await search(outsiderClient)).toEqual([]);
  });

  it('answers 404 for a revoked or replaced token', async () => {
    const { client } = await member();
    const first = new URL((await client.post('/api/v1/me/calendar-feed')).body.url).pathname;
    const anonymous = await context.client();
    expect((await anonymous.get(first)).status).toBe(200);
    const second = new URL((await client.post('/api/v1/me/calendar-feed')).body.url).pathname;
    expect((await anonymous.get(first)).status).toBe(404);
    expect((await anonymous.get(second)).status).toBe(200);
    expect((await client.get('/api/v1/me/calendar-feed')).body).toMatchObject({ active: true, url: null });
    expect((await client.delete('/api/v1/me/calendar-feed')).status).toBe(204);
    expect((await anonymous.get(second)).status).toBe(404);
    expect((await client.get('/api/v1/me/calendar-feed')).body).toMatchObject({ active: false });
  });

  it('exports valid iCalendar that a real parser reads back, exceptions and time zone included', async () => {
    const { client } = await member();
    const first = await createEvent(client, {
      title: 'Comité hebdomadaire, hiver',
      start: '2027-03-04T09:00',
      end: '2027-03-04T10:30',
      rrule: 'FREQ=WEEKLY;COUNT=4',
      onlineUrl: 'https://meet.example.org/comite',
    });
    const occurrences = (await listRange(client, '2027-03-01', '2027-04-01')).filter(
      (o) => o.eventId === first.eventId,
    );
    await client.patch(`/api/v1/events/${first.eventId}/occurrences/${occurrences[1]!.id}`, {
      scope: 'this',
      cancelled: true,
    });
    await client.patch(`/api/v1/events/${first.eventId}/occurrences/${occurrences[2]!.id}`, {
      scope: 'this',
      start: '2027-03-18T13:00',
      end: '2027-03-18T14:00',
    });
    const response = await client.get(`/api/v1/events/${first.eventId}/calendar.ics`);
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment;/);

    const calendar = new ICAL.Component(ICAL.parse(response.text));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const [master, exception] = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(master!.summary).toBe('Comité hebdomadaire, hiver');
    expect(master!.startDate.zone?.tzid).toBe(ZONE);
    expect(master!.startDate.toString()).toBe('2027-03-04T09:00:00');
    expect(master!.description).toContain('https://meet.example.org/comite');
    expect(exception!.isRecurrenceException()).toBe(true);

    const iterator = master!.iterator();
    const starts: string[] = [];
    for (let next = iterator.next(); next; next = iterator.next()) {
      const details = master!.getOccurrenceDetails(next);
      const exceptionFor = exception!.recurrenceId.compare(next) === 0;
      const start = exceptionFor ? exception!.startDate : details.startDate;
      const exdates = master!.component
        .getAllProperties('exdate')
        .flatMap((property) => property.getValues())
        .map((value) => (value as ICAL.Time).toString());
      if (!exdates.includes(next.toString())) starts.push(start.toJSDate().toISOString());
    }
    expect(starts).toEqual(['2027-03-04T14:00:00.000Z', '2027-03-18T17:00:00.000Z', '2027-03-25T13:00:00.000Z']);
  });
});
