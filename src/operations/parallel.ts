/**
 * How many locations are worked on at once unless `--parallel` says otherwise: 8. From what
 * `npm run bench many-locations` measures (README, "Many locations"):
 * - CPU: at Apple's 15 requests/s a location's read is mostly waiting; each location in flight
 *   costs 120 to 170 ms of CPU per 20,000 assignments over a read of about five seconds, a few
 *   percent of a core. Eight take well under one core, so the default does not starve a 2-core CI runner.
 * - Memory: a location in flight holds its live state, about 0.3 KB per assignment (5.2 to 6.0 MB for
 *   20,000; up to some 115 MB for a district of a million). Eight such districts at once stay near 1 GB
 *   on top of the ~110 MB vppctl starts with, within a 7 GB runner or a laptop.
 * - Apple sees at most 8 x 15 = 120 requests a second from one machine, each location within its
 *   own cap.
 * More helps while CPU and memory last (`--parallel 50` is measured beside it); 1 keeps the order
 * of the files.
 */
export const DEFAULT_PARALLEL = 8;
