/** The resolved EventsModuleOptions (see events.options.ts). */
export const EVENTS_OPTIONS = Symbol('EVENTS_OPTIONS');
/** `{ js, jsm }` of the process's NATS connection. */
export const EVENTS_JETSTREAM = Symbol('EVENTS_JETSTREAM');
