import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface InitialAsset {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/**
 * The JavaScript a browser loads before the first render: the entry script and the modules
 * index.html preloads. Lazily loaded chunks (views, ECharts) are not counted.
 */
export function initialJsAssets(distDir: string): InitialAsset[] | null {
  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile)) return null;
  const html = readFileSync(indexFile, 'utf8');
  const refs = new Set<string>();
  for (const match of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.js)"/g)) refs.add(match[1] as string);
  return [...refs].map((ref) => {
    const content = readFileSync(path.join(distDir, ref.replace(/^\//, '')));
    return { file: ref, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
}

export function initialJsGzipBytes(distDir: string): number | null {
  const assets = initialJsAssets(distDir);
  return assets && assets.reduce((sum, asset) => sum + asset.gzipBytes, 0);
}
