// How the extension starts the language server and which documents it serves: plain data, so
// the test (test/extension.test.js) checks the very options the extension passes to the client.
'use strict';

/** The command `zhengce lsp`, from the `zhengce.server.path` setting (default: on PATH). */
function serverOptions(path) {
  const command = typeof path === 'string' && path.trim() !== '' ? path.trim() : 'zhengce';
  // No `transport`: the client then speaks over the process's stdin and stdout as it is.
  return { command, args: ['lsp'] };
}

/** The documents the server answers for: .zc files on disk and unsaved buffers. */
const documentSelector = [
  { scheme: 'file', language: 'zhengce' },
  { scheme: 'untitled', language: 'zhengce' },
];

module.exports = { serverOptions, documentSelector };
