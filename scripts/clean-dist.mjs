#!/usr/bin/env node
/**
 * Empties dist/ before `npm run build`: tsc never deletes what it no longer emits, so a module
 * moved or removed in src/ (or a source map from an older setting) would otherwise stay in dist/
 * and be published.
 */
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
