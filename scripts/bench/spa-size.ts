/**
 * Initial download of the built SPA: everything dist/index.html references directly (entry
 * script, modulepreloads, stylesheets), gzipped one by one as a server would send them.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface SpaAsset {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface SpaSize {
  assets: SpaAsset[];
  jsGzipBytes: number;
  cssGzipBytes: number;
}

const REFERENCE = /<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+\.(?:js|mjs|css))"/g;

/** null when dist/index.html is missing (the SPA has not been built). */
export async function measureSpa(distDir: string): Promise<SpaSize | null> {
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) return null;
  const html = await readFile(indexFile, 'utf8');
  const files = new Set<string>();
  for (const match of html.matchAll(REFERENCE)) {
    const ref = match[1]!;
    if (!/^(https?:)?\/\//.test(ref)) files.add(ref.replace(/^\.?\//, ''));
  }
  const assets: SpaAsset[] = [];
  for (const file of files) {
    const content = await readFile(join(distDir, file));
    assets.push({ file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length });
  }
  const sum = (ext: RegExp) => assets.filter((a) => ext.test(a.file)).reduce((n, a) => n + a.gzipBytes, 0);
  return { assets, jsGzipBytes: sum(/\.m?js$/), cssGzipBytes: sum(/\.css$/) };
}
