// Fails fast when npm scripts would run on a system Node older than 24 (node_modules/.bin/node
// missing because install scripts were blocked): node:sqlite and type stripping need Node 24.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Node ${process.version} is on PATH, Vigil needs Node 24: node_modules/.bin/node is missing ` +
      '(run npm ci with install scripts allowed).',
  );
  process.exit(1);
}
console.log(`node ${process.version}`);
