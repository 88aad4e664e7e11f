// The page's set of files as it is saved (localStorage) and shared (a link whose hash holds the
// compressed set). Every file is kept, with the one being edited; a set saved or shared by the
// one-file page ({name, text}) still opens.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

export interface SavedFile {
  name: string;
  text: string;
}

export interface SavedSet {
  files: SavedFile[];
  /** The file being edited, an index into `files`. */
  active: number;
}

export const STORAGE_KEY = 'zhengce-playground:v2';
/** What the one-file page saved: read once, when there is nothing under `STORAGE_KEY`. */
export const OLD_STORAGE_KEY = 'zhengce-playground:v1';

const DEFAULT_NAME = '草稿.zc';

/** A saved or shared set, checked field by field: anything damaged gives null. */
export function readSet(value: unknown): SavedSet | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.text === 'string') {
    return { files: [{ name: typeof v.name === 'string' && v.name.trim() ? v.name : DEFAULT_NAME, text: v.text }], active: 0 };
  }
  if (!Array.isArray(v.files)) return null;
  const files: SavedFile[] = [];
  for (const f of v.files as unknown[]) {
    if (!f || typeof f !== 'object') return null;
    const { name, text } = f as Record<string, unknown>;
    if (typeof name !== 'string' || typeof text !== 'string') return null;
    files.push({ name: uniqueName(name.trim() || DEFAULT_NAME, files.map((x) => x.name)), text });
  }
  if (files.length === 0) return null;
  const active = typeof v.active === 'number' && Number.isInteger(v.active) && v.active >= 0 && v.active < files.length ? v.active : 0;
  return { files, active };
}

/** The set from a share link's hash (`#z=…`), or null. */
export function fromLink(hash: string): SavedSet | null {
  const packed = new URLSearchParams(hash.replace(/^#/, '')).get('z');
  if (!packed) return null;
  try {
    return readSet(JSON.parse(decompressFromEncodedURIComponent(packed) ?? ''));
  } catch {
    return null;
  }
}

export function linkHash(set: SavedSet): string {
  return `#z=${compressToEncodedURIComponent(JSON.stringify(set))}`;
}

export function loadSaved(storage: Storage): SavedSet | null {
  for (const key of [STORAGE_KEY, OLD_STORAGE_KEY]) {
    try {
      const set = readSet(JSON.parse(storage.getItem(key) ?? 'null'));
      if (set) return set;
    } catch {
      // Damaged: try the next, then start from an example.
    }
  }
  return null;
}

/** `name`, or `name` with a number before its extension when another file has it already
 * (草稿.zc, 草稿2.zc, …): the compiler tells files apart by name. */
export function uniqueName(name: string, taken: string[]): string {
  if (!taken.includes(name)) return name;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 2; ; n++) {
    const candidate = `${stem}${n}${ext}`;
    if (!taken.includes(candidate)) return candidate;
  }
}
