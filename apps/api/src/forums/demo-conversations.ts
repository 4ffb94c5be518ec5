import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { Viewer } from '../identity/viewer';
import { PostsService } from './posts.service';
import { TopicsService } from './topics.service';

interface DemoConversation {
  space: string;
  author: string;
  title: string;
  tags: string[];
  body: string;
  replies: { author: string; body: string }[];
}

const demo = (handle: string) => `${handle}@maillage.demo`;

/** What the demo network talks about on its first start: the agreement's volets, in the members' words. */
const CONVERSATIONS: DemoConversation[] = [
  {
    space: 'volet-2-travail-de-rue',
    author: demo('francois.gagnon'),
    title: 'Travail de rue en milieu rural : comment couvrir tout le territoire?',
    tags: ['travail de rue', 'ruralité'],
    body: 'À La Matanie, notre travailleuse de rue parcourt 11 municipalités. Comment organisez-vous les tournées hors des villes centres? Nous pensons à des **points de rencontre fixes** dans les bibliothèques.',
    replies: [
      {
        author: demo('catherine.dionne'),
        body: 'À Rimouski-Neigette, les haltes du transport collectif nous servent de points de contact. Les jeunes savent à quelle heure passer.',
      },
    ],
  },
  {
    space: 'volet-3-bien-vieillir',
    author: demo('etienne.morin'),
    title: 'Rompre l’isolement des aînés l’hiver',
    tags: ['aînés', 'isolement'],
    body: 'Dans Les Basques, les appels d’amitié ont rejoint 40 personnes âgées l’hiver dernier. Nous cherchons des idées pour les proches aidants qui s’épuisent.',
    replies: [
      {
        author: demo('josee.fortin'),
        body: 'Le CISSS offre du répit à domicile deux après-midi par semaine; je peux présenter le service à votre table.',
      },
      {
        author: demo('marie-eve.lavoie'),
        body: 'À La Mitis, la popote roulante passe aussi prendre des nouvelles. Ça vaut la peine de croiser les listes.',
      },
    ],
  },
  {
    space: 'volet-1-mrc-pauvrete',
    author: demo('julien.pelletier'),
    title: 'Portrait de la sécurité alimentaire : un gabarit commun?',
    tags: ['sécurité alimentaire', 'portrait'],
    body: 'Nous refaisons le portrait de la sécurité alimentaire de La Mitis : banques alimentaires, cuisines collectives, jardins communautaires. Qui voudrait partager un gabarit pour que nos portraits se comparent?',
    replies: [
      {
        author: demo('olivier.saint-pierre'),
        body: 'Le nôtre croise les données du logement et de l’aide alimentaire. Je le dépose dans les ressources dès qu’il est à jour.',
      },
    ],
  },
  {
    space: 'volet-4-egalite',
    author: demo('sophie.rioux'),
    title: 'Analyse différenciée selon les sexes dans nos plans d’action',
    tags: ['égalité', 'analyse différenciée'],
    body: 'Comment intégrez-vous l’ADS+ dans les plans d’action locaux en développement social? Nous commençons par ventiler les données de participation par genre.',
    replies: [],
  },
];

/**
 * Opens the demo network's first conversations, through the forum's own services (so they are numbered, indexed for
 * search and notified like any other). Development only, and only on the start that seeded the demo members.
 */
@Injectable()
export class DemoConversations {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly topics: TopicsService,
    private readonly posts: PostsService,
  ) {}

  async seed(): Promise<number> {
    const people: { id: string; email: string; role: Viewer['role'] }[] = await this.dataSource.query(
      'SELECT id, email, role FROM users WHERE email = ANY($1)',
      [CONVERSATIONS.flatMap((conversation) => [conversation.author, ...conversation.replies.map((r) => r.author)])],
    );
    const spaces: { id: string; slug: string }[] = await this.dataSource.query(
      'SELECT id, slug FROM spaces WHERE slug = ANY($1)',
      [CONVERSATIONS.map((conversation) => conversation.space)],
    );
    const viewer = (email: string): Viewer => {
      const person = people.find((candidate) => candidate.email === email);
      if (!person) throw new Error(`demo member ${email} is missing`);
      return { id: person.id, role: person.role, sessionId: 'demo-seed' };
    };
    for (const conversation of CONVERSATIONS) {
      const space = spaces.find((candidate) => candidate.slug === conversation.space);
      if (!space) throw new Error(`demo space ${conversation.space} is missing`);
      const { title, tags, body } = conversation;
      const topic = await this.topics.create(viewer(conversation.author), space.id, { title, tags, body });
      for (const reply of conversation.replies)
        await this.posts.reply(viewer(reply.author), topic.id, { body: reply.body });
    }
    return CONVERSATIONS.length;
  }
}
