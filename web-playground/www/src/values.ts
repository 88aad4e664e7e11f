// Exact display of the IR's values: decimals are strings, never floats (232万人 is "2320000" with
// scale 万; shown by moving the decimal point, not by dividing).
import type { Amount, Case, Cmp, Deadline, Quantity, Unit } from '../../src/types';

const SCALE_DIGITS: Record<string, number> = { '': 0, 万: 4, 亿: 8, 万亿: 12 };

/** A decimal string as an exact BigInt with a number of decimal places. */
export interface Dec {
  n: bigint;
  places: number;
}

export function dec(text: string): Dec {
  const s = text.trim();
  const neg = s.startsWith('-');
  const body = neg || s.startsWith('+') ? s.slice(1) : s;
  const [int, frac = ''] = body.split('.');
  const n = BigInt((int || '0') + frac);
  return { n: neg ? -n : n, places: frac.length };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const places = Math.max(a.places, b.places);
  return [a.n * 10n ** BigInt(places - a.places), b.n * 10n ** BigInt(places - b.places), places];
}

export function decAdd(a: Dec, b: Dec): Dec {
  const [x, y, places] = align(a, b);
  return { n: x + y, places };
}

export function decCmp(a: Dec, b: Dec): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The decimal divided by 10^shift, as text without trailing zeros. */
export function decText(d: Dec, shift = 0): string {
  const places = d.places + shift;
  const neg = d.n < 0n;
  let digits = (neg ? -d.n : d.n).toString();
  if (places > 0) {
    digits = digits.padStart(places + 1, '0');
    let int = digits.slice(0, digits.length - places);
    let frac = digits.slice(digits.length - places).replace(/0+$/, '');
    int = int.replace(/^0+(?=\d)/, '');
    digits = frac ? `${int}.${frac}` : int;
  }
  return (neg ? '-' : '') + digits;
}

export function unitText(unit?: Unit | null): string {
  if (!unit) return '';
  return [unit.atom, ...(unit.per ?? [])].join('/');
}

/** 232万人, 200元/人/年, 20%. */
export function quantityText(q: Quantity | undefined | null): string {
  if (!q) return '';
  const scale = q.scale ?? '';
  return decText(dec(q.value), SCALE_DIGITS[scale] ?? 0) + scale + unitText(q.unit);
}

/** The sum of quantities, shown in the scale and unit of the first. */
export function sumText(qs: Quantity[]): { text: string; sum: Dec } {
  let sum: Dec = { n: 0n, places: 0 };
  for (const q of qs) sum = decAdd(sum, dec(q.value));
  const first = qs[0];
  const scale = first?.scale ?? '';
  return {
    text: decText(sum, SCALE_DIGITS[scale] ?? 0) + scale + unitText(first?.unit),
    sum,
  };
}

const CMP_WORDS: Record<Cmp, [string, string]> = {
  eq: ['', ''],
  ge: ['不低于', ''],
  gt: ['超过', ''],
  le: ['不超过', ''],
  lt: ['低于', ''],
  about: ['', '左右'],
};

export function cmpText(cmp: Cmp, inner: string): string {
  const [before, after] = CMP_WORDS[cmp] ?? ['', ''];
  return before + inner + after;
}

/** An amount as the document states it. */
export function amountText(a: Amount | undefined | null): string {
  if (!a) return '';
  if (a.text) return a.text;
  switch (a.type) {
    case 'quantity':
      return cmpText(a.cmp, quantityText(a.quantity));
    case 'range':
      return `${quantityText(a.low)}至${quantityText(a.high)}`;
    case 'share':
      return `${a.base}的${a.percent}%`;
    case 'change':
      return `由${quantityText(a.from)}提高到${quantityText(a.to)}`;
    case 'ratio_range':
      return `${a.low.join(':')}至${a.high.join(':')}`;
  }
}

export function caseText(c: Case): string {
  switch (c.type) {
    case 'values':
      return c.values.join('、');
    case 'interval':
      return c.text;
    case 'otherwise':
      return '其他';
  }
}

/** 2017-11-28 → 2017年11月28日. */
export function dateText(iso: string | undefined | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map((x) => Number(x));
  return `${y}年${m}月${d}日`;
}

/** A 期限 as written, with the day it resolved to when the text did not name that day:
 * 6月10日前(2018年6月10日); an unresolved one with why; 长期坚持, 「秋季学期」前 as written. */
export function deadlineText(d: Deadline | undefined | null): string {
  if (!d) return '';
  switch (d.type) {
    case 'by': {
      const day = dateText(d.date);
      return d.text === day ? day : `${d.text}(${day})`;
    }
    case 'unresolved':
      return `${d.text}(${d.reason})`;
    case 'open':
    case 'event':
      return d.text;
    case 'none':
      return '';
  }
}
