import { v7 } from 'uuid';

/** Ids are UUIDv7: time-ordered, so that primary-key indexes stay compact and ids sort by creation. */
export const newId = (): string => v7();
