// Fails when the initial JavaScript (gzip) exceeds the budget: heavy views and ECharts must load lazily.
import path from 'node:path';
import { initialJsAssets } from './lib/initial-js.ts';

const BUDGET_BYTES = 150 * 1024;
const assets = initialJsAssets(path.resolve('dist'));
if (!assets) {
  console.error('dist/index.html missing: run npm run build first');
  process.exit(1);
}
const total = assets.reduce((sum, asset) => sum + asset.gzipBytes, 0);
for (const asset of assets) console.log(`  ${asset.file}  ${(asset.gzipBytes / 1024).toFixed(1)} KB gzip`);
const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(`initial JS ${(total / 1024).toFixed(1)} KB gzip, ${verdict} the budget of ${BUDGET_BYTES / 1024} KB`);
process.exit(total <= BUDGET_BYTES ? 0 : 1);
