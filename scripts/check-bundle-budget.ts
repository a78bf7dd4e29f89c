// Fails when the initial JavaScript (gzip) exceeds the budget: heavy views and ECharts must load lazily;
// or when the build ships what production must not serve (the MSW mock worker, source maps with sources).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { measureSpa } from './bench/spa-size.ts';

const BUDGET_BYTES = 150 * 1024;
const spa = await measureSpa(path.resolve('dist'));
if (!spa) {
  console.error('dist/index.html missing: run npm run build first');
  process.exit(1);
}
for (const asset of spa.assets) console.log(`  ${asset.file}  ${(asset.gzipBytes / 1024).toFixed(1)} KB gzip`);
const verdict = spa.jsGzipBytes <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(`initial JS ${(spa.jsGzipBytes / 1024).toFixed(1)} KB gzip, ${verdict} the budget of ${BUDGET_BYTES / 1024} KB`);
const dist = path.resolve('dist');
const shipped: string[] = [];
if (existsSync(path.join(dist, 'mockServiceWorker.js'))) shipped.push('mockServiceWorker.js (development mocks)');
for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
  if (file.endsWith('.map') && readFileSync(path.join(dist, file), 'utf8').includes('"sourcesContent"')) shipped.push(`${file} (source map with sources)`);
}
for (const file of shipped) console.error(`dist must not contain ${file}`);
process.exit(spa.jsGzipBytes <= BUDGET_BYTES && shipped.length === 0 ? 0 : 1);
