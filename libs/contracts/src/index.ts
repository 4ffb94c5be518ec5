import { z } from 'zod';

// Validation messages reach members (form errors, problem details): in French, as the interface is.
z.config(z.locales.frCA());

export * from './audit';
export * from './chat';
export * from './common';
export * from './events';
export * from './forums';
export * from './identity';
export * from './library';
export * from './notifications';
export * from './operations';
export * from './organizations';
export * from './people';
export * from './portrait';
export * from './realtime';
export * from './route';
export * from './routes';
export * from './search';
export * from './spaces';
