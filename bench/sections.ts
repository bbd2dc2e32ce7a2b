/** The benchmark sections, in the order `npm run bench` runs them. Each lives in its own module. */
import { applyBench } from './apply.js';
import { batchingBench } from './batching.js';
import { cacheBench } from './cache.js';
import { configLoad } from './config-load.js';
import { manyLocations } from './many-locations.js';
import { planCli } from './plan-cli.js';
import { planCore } from './plan-core.js';

export interface BenchSection {
  name: string;
  title: string;
  run(): Promise<void>;
}

export const sections: BenchSection[] = [planCore, batchingBench, configLoad, planCli, cacheBench, applyBench, manyLocations];
