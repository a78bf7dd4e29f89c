// Fails when the initial JavaScript (gzip) exceeds the budget: heavy views and ECharts must load lazily.
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
process.exit(spa.jsGzipBytes <= BUDGET_BYTES ? 0 : 1);
