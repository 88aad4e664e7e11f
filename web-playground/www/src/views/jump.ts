import type { Origin } from '../../../src/types';

/** Moves the editor to an item of the plan. */
export type Jump = (origin: Origin) => void;
