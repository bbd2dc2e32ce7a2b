/**
 * How many locations are worked on at once unless `--parallel` says otherwise. Measured (README,
 * "Many locations"): see DEFAULT_PARALLEL.
 */
export const DEFAULT_PARALLEL = 8;
