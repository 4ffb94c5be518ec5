/** Injection token of the pino logger shared by the whole api. */
export const LOGGER = Symbol('LOGGER');
