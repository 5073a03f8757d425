/**
 * SMS encoding by content: GSM-7 (3GPP TS 23.038 default alphabet and its extension table) when
 * every character fits, UCS-2 otherwise; and how many segments a text takes.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '^{}\\[~]|€\f';

export type SmsEncoding = 'gsm7' | 'ucs2';

export function encodingFor(text: string): SmsEncoding {
  for (const ch of text) if (!GSM7_BASIC.includes(ch) && !GSM7_EXTENSION.includes(ch)) return 'ucs2';
  return 'gsm7';
}

/** Septets (GSM-7, extension characters count twice) or UTF-16 code units (UCS-2). */
export function smsLength(text: string, enc: SmsEncoding = encodingFor(text)): number {
  if (enc === 'ucs2') return text.length;
  let n = 0;
  for (const ch of text) n += GSM7_EXTENSION.includes(ch) ? 2 : 1;
  return n;
}

/** Segments needed: one up to 160 septets / 70 UCS-2 units, else 153 / 67 per concatenated part. */
export function segmentCount(text: string): number {
  const enc = encodingFor(text);
  const len = smsLength(text, enc);
  const [single, part] = enc === 'gsm7' ? [160, 153] : [70, 67];
  return len <= single ? 1 : Math.ceil(len / part);
}
