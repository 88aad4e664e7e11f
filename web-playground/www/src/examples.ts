// The seed policies (../policies/*.zc), bundled into the page at build time.
const files = import.meta.glob('../../../policies/*.zc', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export interface Example {
  /** The file name, as diagnostics will carry it. */
  name: string;
  text: string;
}

export const EXAMPLES: Example[] = Object.entries(files)
  .map(([path, text]) => ({ name: path.split('/').pop() ?? path, text }))
  .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
