/**
 * The QR code of CreateVirtualMFADevice. The images were checked once with an independent decoder
 * (OpenCV's QRCodeDetector read back the text of both cases below); these tests pin the structure.
 */
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { qrCodePng, qrModules } from '../../src/lib/qr-png.js';

const LONG =
  'otpauth://totp/device-with-a-fairly-long-name_0123456789012345678901234567890%40acme-production-account' +
  '?secret=ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSTUVWXYZ234567&issuer=resdir%20RAM';

describe('QR code', () => {
  it('picks the smallest version and draws finders, timing and the dark module', () => {
    for (const [text, size] of [
      ['hello', 21],
      [LONG, 57],
    ] as const) {
      const m = qrModules(text);
      expect(m).toHaveLength(size);
      for (const [x, y] of [
        [0, 0],
        [size - 7, 0],
        [0, size - 7],
      ] as const) {
        expect(m[y]![x]).toBe(true);
        expect(m[y + 1]![x + 1]).toBe(false);
        expect(m[y + 3]![x + 3]).toBe(true);
      }
      for (let i = 8; i < size - 8; i++) expect(m[6]![i]).toBe(i % 2 === 0);
      expect(m[size - 8]![8]).toBe(true);
    }
    expect(() => qrModules('x'.repeat(300))).toThrow();
  });

  it('is a valid grayscale PNG with a quiet zone', () => {
    const png = qrCodePng('hello');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const side = png.readUInt32BE(16);
    expect(side).toBe((21 + 8) * 4);
    const idatLen = png.readUInt32BE(33);
    const pixels = inflateSync(png.subarray(41, 41 + idatLen));
    expect(pixels.length).toBe(side * (side + 1));
    expect(pixels[1]).toBe(255); // quiet zone
    expect(pixels[(side + 1) * 16 + 1 + 16]).toBe(0); // the finder's corner
  });
});
