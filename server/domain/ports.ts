// What the domain and services need from the outside world, passed in so tests and simulation control them.

/** The current time; a fixed clock in tests and the replayed time in simulation. */
export interface Clock {
  now(): Date;
}

/** Unique ids with a readable prefix (ord_, ful_, evt_). */
export interface IdSource {
  next(prefix: string): string;
}

export const systemClock: Clock = { now: () => new Date() };
