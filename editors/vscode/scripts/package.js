// Packages the extension as zhengce.vsix with @vscode/vsce, from npm: no marketplace account or
// network is needed. The package holds the extension, its grammar and language configuration,
// and vscode-languageclient (node_modules, production dependencies only).
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'zhengce.vsix');
execFileSync(
  process.execPath,
  [
    require.resolve('@vscode/vsce/vsce'),
    'package',
    // The project's licence (MIT OR Apache-2.0) is stated in package.json; it has no LICENSE file.
    '--skip-license',
    // Not published to the marketplace: no repository to link.
    '--allow-missing-repository',
    '--out',
    out,
  ],
  { cwd: root, stdio: 'inherit' },
);
const size = fs.statSync(out).size;
console.log(`zhengce.vsix: ${size} 字节`);
