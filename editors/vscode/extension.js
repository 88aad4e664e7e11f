// The zhengce extension: a language client that starts `zhengce lsp` for .zc files. Everything
// the editor shows (diagnostics, hover, completion, quick fixes, formatting, outline, semantic
// highlighting, inlay hints) comes from the server.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');
const { serverOptions, documentSelector } = require('./client');

let client;

async function activate(context) {
  const config = vscode.workspace.getConfiguration('zhengce');
  client = new LanguageClient(
    'zhengce',
    'zhengce 语言服务器',
    serverOptions(config.get('server.path')),
    {
      documentSelector,
      // Another file of the policy set, or the project's lint levels, changed on disk: the
      // server reads the set again.
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.zc,zhengce.toml}'),
      },
    },
  );
  context.subscriptions.push(client);
  await client.start();
  return client;
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
