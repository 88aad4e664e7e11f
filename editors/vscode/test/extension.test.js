// The extension's client code path, outside VS Code: extension.js activates with the real
// vscode-languageclient (and a stand-in for the `vscode` module, test/vscode-stub.js), which
// starts `zhengce lsp` as the extension does, initializes it, opens a policy file and receives
// the server's diagnostics; the client then stops the server.
//
// The server is the binary built from this repository (target/debug/zhengce, or $ZHENGCE), set
// as the extension's `zhengce.server.path`.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');

const stub = require('./vscode-stub');

// `require('vscode')` anywhere (the extension, the client library) gets the stand-in.
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'vscode') return 'vscode';
  return resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub.vscode };

const repo = path.resolve(__dirname, '../../..');
const server = process.env.ZHENGCE || path.join(repo, 'target/debug/zhengce');

test('the extension starts zhengce lsp and shows its diagnostics', { timeout: 120000 }, async () => {
  assert.ok(fs.existsSync(server), `the server binary ${server} is built`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhengce-vscode-'));
  const file = path.join(dir, '方案.zc');
  const text = '目标 脱贫 {\n  值：230万人\n  分年度：2019年100万、2020年132万\n}\n';
  fs.writeFileSync(file, text);
  stub.settings.set('zhengce.server.path', server);

  const extension = require('../extension.js');
  const subscriptions = [];
  const client = await extension.activate({ subscriptions, extensionPath: path.join(__dirname, '..') });
  assert.ok(client.isRunning(), 'the client is running');
  assert.ok(client.initializeResult.capabilities.hoverProvider, 'the server said what it can do');
  assert.equal(client.initializeResult.serverInfo.name, 'zhengce');

  const uri = stub.vscode.Uri.file(file).toString();
  const diagnostics = new Promise((resolveDiagnostics) => {
    stub.diagnosticsChanged.event((changed) => {
      if (changed === uri) resolveDiagnostics(stub.published.get(uri));
    });
  });
  await client.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'zhengce', version: 1, text },
  });
  const got = await diagnostics;
  assert.equal(got.length, 1, JSON.stringify(got));
  assert.equal(got[0].code.value || got[0].code, 'ZC0201');
  assert.match(got[0].message, /232万人/);
  assert.equal(got[0].range.start.line, 1);

  // A request through the client: hover on the value.
  const hover = await client.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line: 1, character: 4 },
  });
  assert.match(hover.contents.value, /2300000人/);

  await extension.deactivate();
  assert.ok(!client.isRunning(), 'the client stopped the server');
  fs.rmSync(dir, { recursive: true, force: true });
});
