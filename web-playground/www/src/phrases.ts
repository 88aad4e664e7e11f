// CodeMirror's own interface words (search panel, lint panel, folding, go to line) in Chinese.
import { EditorState } from '@codemirror/state';

export const chinesePhrases = EditorState.phrases.of({
  // @codemirror/search
  Find: '查找',
  Replace: '替换',
  next: '下一个',
  previous: '上一个',
  all: '全部',
  'match case': '区分大小写',
  'by word': '全词匹配',
  regexp: '正则表达式',
  replace: '替换',
  'replace all': '全部替换',
  close: '关闭',
  'current match': '当前匹配',
  'replaced match on line $': '已替换第 $ 行的匹配',
  'replaced $ matches': '已替换 $ 处',
  'on line': '在第几行',
  'Go to line': '跳到行',
  go: '跳转',
  // @codemirror/lint
  Diagnostics: '诊断',
  'No diagnostics': '没有诊断',
  // @codemirror/language (folding)
  'Folded lines': '已折叠的行',
  'Unfolded lines': '已展开的行',
  to: '至',
  'folded code': '折叠的代码',
  unfold: '展开',
  'Fold line': '折叠此行',
  'Unfold line': '展开此行',
  // @codemirror/view
  'Control character': '控制字符',
  // @codemirror/autocomplete
  Completions: '补全',
  // @codemirror/commands
  'Selection deleted': '已删除选中内容',
});
