export * from './common';
export * from './identity';
export * from './operations';
export * from './organizations';
export * from './route';
export * from './routes';
export * from './spaces';
