import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { PostEntity } from './post.entity';

/** The text a post had before an edit: nothing a member wrote is lost. */
@Entity('post_revisions')
@Index('IDX_post_revisions_post', ['postId', 'createdAt'])
export class PostRevisionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  @ManyToOne(() => PostEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id' })
  post?: PostEntity;

  @Column({ type: 'text' })
  markdown: string;

  @Column({ name: 'edited_by', type: 'uuid', nullable: true })
  editedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
