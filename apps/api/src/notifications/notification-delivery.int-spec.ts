import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { SMTPServer } from 'smtp-server';

import { createTestContext, type TestClient, type TestContext } from '../../test/test-app';
import { OutboxService } from '../outbox/outbox.service';
import { NotificationDigest } from './notification-digest';

let context: TestContext;
let regional: { id: string };

beforeAll(async () => {
  context = await createTestContext();
  regional = await context.spaceBySlug('reseau-regional');
});

afterAll(() => context.close());

interface StoredMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** The development mailbox (DATA_DIR/mail): what the platform sent, to one address. */
async function mailTo(address: string): Promise<StoredMail[]> {
  const folder = join(context.config.dataDir, 'mail');
  const names = await readdir(folder).catch(() => [] as string[]);
  const all = await Promise.all(
    names
      .filter((name) => name.endsWith('.json'))
      .map(async (name) => JSON.parse(await readFile(join(folder, name), 'utf8'))),
  );
  return (all as StoredMail[]).filter((mail) => mail.to === address);
}

async function mention(author: TestClient, handle: string, text = 'pouvez-vous relire?') {
  const topic = await author.post(`/api/v1/spaces/${regional.id}/topics`, {
    title: `Question pour @${handle}`,
    body: `@${handle} ${text}`,
    tags: [],
  });
  expect(topic.status).toBe(201);
  await context.drainOutbox();
  return topic.body as { id: string };
}

const notificationsOf = async (userId: string, kind: string) =>
  (await context.dataSource.query('SELECT subject FROM notifications WHERE user_id = $1 AND kind = $2', [userId, kind]))
    .length as number;

describe('preferences per kind', () => {
  it('honours off, in app and email for mentions, and mails with a one-click unsubscribe', async () => {
    const author = await context.signedInMember();
    const reader = await context.signedInMember();
    const set = (delivery: string) =>
      reader.client.put('/api/v1/me/notification-preferences', {
        kinds: [{ kind: 'mention', delivery }],
        digestHour: 7,
      });

    expect((await set('off')).status).toBe(200);
    await mention(author.client, reader.user.handle);
    expect(await notificationsOf(reader.user.id, 'mention')).toBe(0);

    await set('in-app');
    await mention(author.client, reader.user.handle);
    expect(await notificationsOf(reader.user.id, 'mention')).toBe(1);
    expect(await mailTo(reader.user.email)).toEqual([]);

    await set('email');
    await mention(author.client, reader.user.handle, 'le budget est prêt');
    expect(await notificationsOf(reader.user.id, 'mention')).toBe(2);
    const [mail] = await mailTo(reader.user.email);
    expect(mail!.subject).toBe(`[Maillage] Mention : Question pour @${reader.user.handle}`);
    expect(mail!.text).toContain('/sujets/');
    expect(mail!.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });

    // The one-click POST comes from a mail client: no session, no CSRF token, only the signed address.
    const oneClick = /<(.+)>/.exec(mail!.headers!['List-Unsubscribe']!)![1]!;
    const path = new URL(oneClick).pathname;
    const token = path.split('/').at(-1)!;
    const anonymous = await context.client();
    const forged = token.replace('.mention.', '.reply.');
    expect((await anonymous.post(`/api/v1/unsubscribe/${forged}`, {})).status).toBe(404);
    const stopped = await anonymous.post(path, {});
    expect(stopped.status).toBe(200);
    expect(stopped.body).toEqual({ stopped: 'mention' });
    const preferences = (await reader.client.get('/api/v1/me/notification-preferences')).body.kinds;
    expect(preferences).toEqual(
      expect.arrayContaining([
        { kind: 'mention', delivery: 'in-app' },
        // Limited to its kind: the others keep their choice.
        { kind: 'direct-message', delivery: 'email' },
        { kind: 'reply', delivery: 'digest' },
      ]),
    );
    await mention(author.client, reader.user.handle, 'encore une question');
    expect(await mailTo(reader.user.email)).toHaveLength(1);
  });

  it('refuses unknown kinds and deliveries and changes nothing', async () => {
    const { client } = await context.signedInMember();
    const refused = await client.put('/api/v1/me/notification-preferences', {
      kinds: [
        { kind: 'mention', delivery: 'pigeon' },
        { kind: 'gossip', delivery: 'email' },
      ],
      digestHour: 25,
    });
    expect(refused.status).toBe(400);
    expect((await client.get('/api/v1/me/notification-preferences')).body.digestHour).toBe(7);
  });
});

describe('the daily digest', () => {
  it('leaves at the member’s hour in America/Toronto across the change of time, once a day, with only what is new', async () => {
    const { user, client } = await context.signedInMember();
    await client.put('/api/v1/me/notification-preferences', {
      kinds: [{ kind: 'watched-topic', delivery: 'digest' }],
      digestHour: 7,
    });
    const insert = (subject: string, at: string) =>
      context.dataSource.query(
        `INSERT INTO notifications (id, user_id, kind, space_id, subject, dedup_key, created_at)
         VALUES (gen_random_uuid(), $1, 'watched-topic', $2, $3, $3, $4)`,
        [user.id, regional.id, subject, at],
      );
    await insert('Plan d’action en itinérance', '2026-10-30T15:00:00Z');
    const digest = context.app.get(NotificationDigest);

    // Saturday 31 October, still daylight time: 7:00 in Rimouski is 11:00 UTC.
    expect(await digest.sendDue(new Date('2026-10-31T10:55:00Z'))).toBe(0);
    expect(await digest.sendDue(new Date('2026-10-31T11:05:00Z'))).toBe(1);
    expect(await digest.sendDue(new Date('2026-10-31T15:00:00Z'))).toBe(0);
    await insert('Bilan du volet 2', '2026-10-31T20:00:00Z');
    // Sunday 1 November, standard time from 2:00: 7:00 is now 12:00 UTC.
    expect(await digest.sendDue(new Date('2026-11-01T11:05:00Z'))).toBe(0);
    expect(await digest.sendDue(new Date('2026-11-01T12:05:00Z'))).toBe(1);
    // Processes racing for the same digest send it once.
    await insert('Nouvelle ressource', '2026-11-01T18:00:00Z');
    const racing = await Promise.all([1, 2, 3].map(() => digest.sendDue(new Date('2026-11-02T12:30:00Z'))));
    expect(racing.reduce((sum, count) => sum + count, 0)).toBe(1);

    await context.drainOutbox();
    const mails = (await mailTo(user.email)).sort((a, b) => a.subject.localeCompare(b.subject));
    expect(mails.map((mail) => mail.subject)).toEqual([
      '[Maillage] Votre résumé du 1 novembre : 1 nouveauté',
      '[Maillage] Votre résumé du 2 novembre : 1 nouveauté',
      '[Maillage] Votre résumé du 31 octobre : 1 nouveauté',
    ]);
    expect(mails.find((mail) => mail.subject.includes('31 octobre'))!.text).toContain('Plan d’action en itinérance');
    expect(mails.find((mail) => mail.subject.includes('1 novembre'))!.text).toContain('Bilan du volet 2');
    expect(mails.find((mail) => mail.subject.includes('1 novembre'))!.text).not.toContain('itinérance');
  });
});

describe('other pillars', () => {
  it('tells an inviter their invitation was accepted, and an author that a moderator hid their post', async () => {
    const admin = await context.signedInMember({ role: 'admin' });
    const organization = (await context.dataSource.query(`SELECT id FROM organizations WHERE slug = 'crd'`))[0].id;
    const email = `nouvelle.${Date.now()}@exemple.ca`;
    expect((await admin.client.post('/api/v1/invitations', { email, organizationId: organization })).status).toBe(201);
    await context.drainOutbox();
    const [invitation] = await mailTo(email);
    const token = /invitation\/([A-Za-z0-9_-]+)/.exec(invitation!.text)![1]!;
    const newcomer = await context.client();
    const accepted = await newcomer.post(`/api/v1/invitations/${token}/accept`, {
      displayName: 'Nouvelle Venue',
      password: 'un-mot-de-passe-solide',
    });
    expect(accepted.status).toBeLessThan(300);
    await context.drainOutbox();
    const [notice] = (await admin.client.get('/api/v1/notifications')).body.items;
    expect(notice).toMatchObject({ kind: 'invitation-accepted', subject: 'Nouvelle Venue a rejoint Maillage' });

    const author = await context.signedInMember();
    const topic = await author.client.post(`/api/v1/spaces/${regional.id}/topics`, {
      title: 'Un message à modérer',
      body: 'Contenu contesté',
      tags: [],
    });
    const moderator = await context.loginAs(await context.makeMember({ role: 'moderator' }));
    const hidden = await moderator.post(`/api/v1/topics/${topic.body.id}/posts/1/moderation`, { action: 'hide' });
    expect(hidden.status).toBeLessThan(300);
    await context.drainOutbox();
    const items = (await author.client.get('/api/v1/notifications')).body.items;
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'moderation',
        subject: 'Message masqué par la modération : Un message à modérer',
      }),
    ]);
  });
});

describe('an SMTP outage', () => {
  const freePort = () =>
    new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });

  it('delays mail while the server is down and delivers each message once when it returns', async () => {
    const port = await freePort();
    const received: string[] = [];
    const startSmtp = () =>
      new Promise<SMTPServer>((resolve) => {
        const server = new SMTPServer({
          authOptional: true,
          disabledCommands: ['STARTTLS'],
          onData(stream, _session, callback) {
            let data = '';
            stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
            stream.on('end', () => {
              received.push(data);
              callback();
            });
          },
        });
        server.listen(port, '127.0.0.1', () => resolve(server));
      });
    const smtp = await createTestContext({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'maillage@exemple.ca' });
    try {
      const author = await smtp.signedInMember();
      const reader = await smtp.signedInMember();
      const space = await smtp.spaceBySlug('reseau-regional');
      // The server is down: the write succeeds, the mail waits in the outbox.
      const topic = await author.client.post(`/api/v1/spaces/${space.id}/topics`, {
        title: 'Pendant la panne',
        body: `@${reader.user.handle} êtes-vous là?`,
        tags: [],
      });
      expect(topic.status).toBe(201);
      await smtp.drainOutbox();
      const [{ waiting }] = await smtp.dataSource.query(
        `SELECT count(*)::int AS waiting FROM outbox_events WHERE kind = 'mail.send'`,
      );
      expect(waiting).toBe(1);

      const server = await startSmtp();
      await smtp.app.get(OutboxService).retryNow(['mail.send']);
      await smtp.drainOutbox();
      await smtp.app.get(OutboxService).retryNow(['mail.send']);
      await smtp.drainOutbox();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      expect(received).toHaveLength(1);
      expect(received[0]).toContain(`To: ${reader.user.email}`);
      expect(received[0]).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      const [{ left }] = await smtp.dataSource.query(
        `SELECT count(*)::int AS left FROM outbox_events WHERE kind = 'mail.send'`,
      );
      expect(left).toBe(0);
    } finally {
      await smtp.close();
    }
  });
});
