import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

type CreatedListener = (manager: EntityManager, spaceId: string) => Promise<void>;
type RemovedListener = (spaceId: string, userId: string) => Promise<void>;

/**
 * What happens to spaces, told in-process to the modules that depend on the spaces module (which cannot know them):
 * a space created (inside its transaction: the chat gives it its "général" channel), a member removed (after the
 * change: the socket gateway takes them out of the rooms they may no longer join).
 */
@Injectable()
export class SpaceEvents {
  private readonly createdListeners: CreatedListener[] = [];
  private readonly removedListeners: RemovedListener[] = [];

  onCreated(listener: CreatedListener): void {
    this.createdListeners.push(listener);
  }

  onRemoved(listener: RemovedListener): void {
    this.removedListeners.push(listener);
  }

  async created(manager: EntityManager, spaceId: string): Promise<void> {
    for (const listener of this.createdListeners) await listener(manager, spaceId);
  }

  /** Resolves once every listener is done: the removal answers after the member has left the rooms. */
  async removed(spaceId: string, userId: string): Promise<void> {
    await Promise.all(this.removedListeners.map((listener) => listener(spaceId, userId)));
  }
}
