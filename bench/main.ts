/**
 * `npm run bench`: prints measured figures for the README. Each section times its own work and
 * measures its ratios side by side in the same run, so machine noise affects both sides alike.
 * Usage: node build/bench/main.js [section...]   (default: every section)
 */
import { sections } from './sections.js';

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !sections.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`unknown bench section(s): ${unknown.join(', ')}; known: ${sections.map((s) => s.name).join(', ')}`);
  process.exit(1);
}
for (const section of sections) {
  if (wanted.length > 0 && !wanted.includes(section.name)) continue;
  console.log(`\n## ${section.name}: ${section.title}`);
  await section.run();
}
