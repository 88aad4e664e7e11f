// The generated TextMate grammar (syntaxes/zhengce.tmLanguage.json) compiles with the engine VS
// Code uses (vscode-textmate with Oniguruma) and colours a policy file's words as it should.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const oniguruma = require('vscode-oniguruma');
const textmate = require('vscode-textmate');

async function grammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () =>
      textmate.parseRawGrammar(
        fs.readFileSync(path.join(__dirname, '../syntaxes/zhengce.tmLanguage.json'), 'utf8'),
        'zhengce.tmLanguage.json',
      ),
  });
  return registry.loadGrammar('source.zhengce');
}

/** The scope of each token of `line` that is not plain text: [text, innermost scope]. */
function scopes(g, line) {
  const { tokens } = g.tokenizeLine(line, textmate.INITIAL);
  const out = [];
  for (const t of tokens) {
    const text = line.slice(t.startIndex, t.endIndex);
    const scope = t.scopes[t.scopes.length - 1];
    // A quote's marks and body are separate tokens of one scope: one here.
    const last = out[out.length - 1];
    if (last && last[1] === scope && scope.startsWith('string.')) last[0] += text;
    else out.push([text, scope]);
  }
  return out.filter(([, scope]) => scope !== 'source.zhengce');
}

test('the grammar colours keywords, keys, names, numbers, dates and comments', async () => {
  const g = await grammar();
  assert.deepStrictEqual(scopes(g, '措施 「加强“12316”热线」 { // 注'), [
    ['措施', 'keyword.control.item.zhengce'],
    ['「加强“12316”热线」', 'string.quoted.other.name.zhengce'],
    ['{', 'punctuation.separator.zhengce'],
    ['// 注', 'comment.line.double-slash.zhengce'],
  ]);
  assert.deepStrictEqual(scopes(g, '  牵头单位：县扶贫办、县教育局'), [
    ['牵头单位', 'variable.other.property.key.zhengce'],
    ['：', 'punctuation.separator.zhengce'],
    ['、', 'punctuation.separator.zhengce'],
  ]);
  assert.deepStrictEqual(scopes(g, '  值：不低于232万人；期限：6月10日前'), [
    ['值', 'variable.other.property.key.zhengce'],
    ['：', 'punctuation.separator.zhengce'],
    ['不低于', 'keyword.operator.comparison.zhengce'],
    ['232万人', 'constant.numeric.quantity.zhengce'],
    ['；', 'punctuation.separator.zhengce'],
    ['期限', 'variable.other.property.key.zhengce'],
    ['：', 'punctuation.separator.zhengce'],
    ['6月10日', 'constant.numeric.date.zhengce'],
  ]);
  // A suppression comment: its word and the codes it names.
  assert.deepStrictEqual(scopes(g, '// zhengce: allow(ZC0105、ZC07) 两个机构'), [
    ['// zhengce:', 'comment.line.double-slash.directive.zhengce'],
    [' ', 'comment.line.double-slash.directive.zhengce'],
    ['allow', 'keyword.other.directive.zhengce'],
    ['(', 'comment.line.double-slash.directive.zhengce'],
    ['ZC0105', 'constant.other.diagnostic-code.zhengce'],
    ['、', 'comment.line.double-slash.directive.zhengce'],
    ['ZC07', 'constant.other.diagnostic-code.zhengce'],
    [') 两个机构', 'comment.line.double-slash.directive.zhengce'],
  ]);
  assert.deepStrictEqual(scopes(g, '部门 省卫生计生委 又称 省卫计委'), [
    ['部门', 'keyword.control.item.zhengce'],
    ['又称', 'keyword.operator.alias.zhengce'],
  ]);
  assert.deepStrictEqual(scopes(g, '  原文：“每人每年200元/人/年”'), [
    ['原文', 'variable.other.property.key.zhengce'],
    ['：', 'punctuation.separator.zhengce'],
    ['“每人每年200元/人/年”', 'string.quoted.double.zhengce'],
  ]);
});
