import { DEFAULT_TIME_ZONE } from '@maillage/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';

import type { Viewer } from '../identity/viewer';
import { EventsService } from './events.service';

interface DemoEvent {
  space: string;
  author: string;
  title: string;
  description: string;
  /** Days from the first start, and local hours. */
  inDays: number;
  hours: [number, number] | 'all-day';
  municipality?: string;
  place?: string;
  onlineUrl?: string;
  capacity?: number;
  volet?: number;
  rrule?: string;
}

/** What the demo network's calendar holds on its first start: upcoming meetings of the agreement's volets. */
const EVENTS: DemoEvent[] = [
  {
    space: 'reseau-regional',
    author: 'admin',
    title: 'Rencontre régionale des agents de développement social',
    description: 'Bilan de l’année de l’**Entente sectorielle** et priorités des huit MRC. Dîner offert.',
    inDays: 12,
    hours: [9, 16],
    municipality: 'Rimouski',
    place: 'Hôtel Rimouski, salle Saint-Laurent',
    capacity: 40,
  },
  {
    space: 'volet-2-travail-de-rue',
    author: 'francois.gagnon',
    title: 'Codéveloppement en travail de rue',
    description: 'Un cas apporté par une équipe, des questions, des pistes. Le deuxième mardi de chaque mois.',
    inDays: 5,
    hours: [13, 15],
    onlineUrl: 'https://teams.example.org/codeveloppement',
    volet: 2,
    rrule: 'FREQ=MONTHLY;BYDAY=2TU;COUNT=6',
  },
  {
    space: 'volet-4-egalite',
    author: 'marie-eve.lavoie',
    title: 'Formation : l’analyse différenciée selon les sexes (ADS+)',
    description: 'Une demi-journée pour appliquer l’ADS+ aux projets locaux en développement social.',
    inDays: 19,
    hours: [9, 12],
    municipality: 'Mont-Joli',
    capacity: 20,
    volet: 4,
  },
  {
    space: 'volet-3-bien-vieillir',
    author: 'etienne.morin',
    title: 'Colloque Bien vieillir chez soi',
    description: 'Les résultats de la recherche-action et les initiatives des communautés pour les personnes aînées.',
    inDays: 30,
    hours: 'all-day',
    municipality: 'Rivière-du-Loup',
    volet: 3,
  },
];

@Injectable()
export class DemoEvents {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventsService,
  ) {}

  async seed(now = DateTime.now().setZone(DEFAULT_TIME_ZONE)): Promise<number> {
    const people: { id: string; email: string; role: Viewer['role'] }[] = await this.dataSource.query(
      'SELECT id, email, role FROM users WHERE email = ANY($1)',
      [EVENTS.map((event) => `${event.author}@maillage.demo`)],
    );
    const spaces: { id: string; slug: string }[] = await this.dataSource.query(
      'SELECT id, slug FROM spaces WHERE slug = ANY($1)',
      [EVENTS.map((event) => event.space)],
    );
    for (const event of EVENTS) {
      const author = people.find((person) => person.email === `${event.author}@maillage.demo`);
      const space = spaces.find((candidate) => candidate.slug === event.space);
      if (!author || !space) throw new Error(`demo event ${event.title}: its author or space is missing`);
      const day = now.plus({ days: event.inDays }).startOf('day');
      const at = (hour: number) => day.set({ hour }).toFormat("yyyy-MM-dd'T'HH:mm");
      const [startHour, endHour] = event.hours === 'all-day' ? [0, 0] : event.hours;
      await this.events.create(
        { id: author.id, role: author.role, sessionId: 'demo-seed' },
        {
          spaceId: space.id,
          title: event.title,
          description: event.description,
          start: at(startHour),
          end: at(endHour),
          timeZone: DEFAULT_TIME_ZONE,
          allDay: event.hours === 'all-day',
          place: event.place ?? null,
          address: null,
          municipality: event.municipality ?? null,
          onlineUrl: event.onlineUrl ?? null,
          volet: event.volet ?? null,
          tags: [],
          capacity: event.capacity ?? null,
          registrationDeadline: null,
          rrule: event.rrule ?? null,
          relatedLinks: [],
        },
      );
    }
    return EVENTS.length;
  }
}
