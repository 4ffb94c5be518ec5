import { Injectable } from '@nestjs/common';

type RemovedListener = (spaceId: string, userId: string) => Promise<void>;

/**
 * Who left a space, told in-process after the change: the socket gateway takes the member out of the rooms they may
 * no longer join (the spaces module cannot know the gateway, which depends on it).
 */
@Injectable()
export class SpaceMembershipEvents {
  private readonly listeners: RemovedListener[] = [];

  onRemoved(listener: RemovedListener): void {
    this.listeners.push(listener);
  }

  /** Resolves once every listener is done: the removal answers after the member has left the rooms. */
  async removed(spaceId: string, userId: string): Promise<void> {
    await Promise.all(this.listeners.map((listener) => listener(spaceId, userId)));
  }
}
