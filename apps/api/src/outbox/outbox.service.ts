import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, LessThanOrEqual, MoreThan, Repository } from 'typeorm';

import { newId } from '../database/ids';
import { OutboxEventEntity } from './entities/outbox-event.entity';

export type OutboxHandler = (
  payload: Record<string, unknown>,
  event: { id: string; attempts: number },
) => Promise<void>;

/**
 * Records side effects in the writer's transaction (`enqueue`) and knows, per kind, the handler that carries them out.
 * Handlers must be idempotent: a crash between the effect and the row's deletion runs the effect again.
 */
@Injectable()
export class OutboxService {
  private readonly handlers = new Map<string, OutboxHandler>();
  private readonly listeners = new Set<() => void>();

  constructor(@InjectRepository(OutboxEventEntity) private readonly events: Repository<OutboxEventEntity>) {}

  register(kind: string, handler: OutboxHandler): void {
    if (this.handlers.has(kind)) throw new Error(`Outbox kind ${kind} has two handlers`);
    this.handlers.set(kind, handler);
  }

  handledKinds(): string[] {
    return [...this.handlers.keys()];
  }

  handlerFor(kind: string): OutboxHandler | undefined {
    return this.handlers.get(kind);
  }

  /** Adds the event inside `manager`'s transaction: it exists if and only if the write it belongs to commits. */
  async enqueue(manager: EntityManager, kind: string, payload: Record<string, unknown>): Promise<string> {
    const id = newId();
    await manager.query('INSERT INTO outbox_events (id, kind, payload) VALUES ($1, $2, $3)', [id, kind, payload]);
    return id;
  }

  /** Tells this process's worker that new events are due, so it need not wait for its next poll. */
  notifyCommitted(): void {
    for (const listener of this.listeners) listener();
  }

  onCommitted(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async backlog(): Promise<{ pending: number; failing: number; oldestPendingAt: Date | null }> {
    const [pending, failing, oldest] = await Promise.all([
      this.events.count(),
      this.events.count({ where: { attempts: MoreThan(0), lockedUntil: IsNull(), availableAt: MoreThan(new Date()) } }),
      this.events.findOne({ where: { availableAt: LessThanOrEqual(new Date()) }, order: { availableAt: 'ASC' } }),
    ]);
    return { pending, failing, oldestPendingAt: oldest?.createdAt ?? null };
  }
}
