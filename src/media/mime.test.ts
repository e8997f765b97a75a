import { describe, expect, it } from 'vitest';
import { detectMimeType } from './mime.js';

const bytes = (hex: string, text = ''): Uint8Array => new Uint8Array([...Buffer.from(hex, 'hex'), ...Buffer.from(text)]);
const ftyp = (brand: string): Uint8Array => new Uint8Array([0, 0, 0, 24, ...Buffer.from(`ftyp${brand}`), 0, 0, 0, 0]);

describe('detectMimeType', () => {
  it.each([
    [bytes('ffd8ffe0'), 'IMG.heic', 'image/jpeg'],
    [bytes('89504e470d0a1a0a'), 'photo', 'image/png'],
    [bytes('', 'GIF89a..'), 'a.bin', 'image/gif'],
    [bytes('', 'RIFF\0\0\0\0WEBPVP8 '), 'a', 'image/webp'],
    [bytes('49492a00'), 'scan', 'image/tiff'],
    [bytes('', '%PDF-1.4'), 'scan.jpg', 'application/pdf'],
    [bytes('1f8b08'), 'logs', 'application/gzip'],
    [bytes('377abcaf271c'), 'a', 'application/x-7z-compressed'],
    [bytes('000001ba'), 'clip', 'video/mpeg'],
    [ftyp('heic'), 'x', 'image/heic'],
    [ftyp('avif'), 'x', 'image/avif'],
    [ftyp('mif1'), 'x.avif', 'image/avif'],
    [ftyp('mif1'), 'x', 'image/heif'],
    [ftyp('isom'), 'x', 'video/mp4'],
  ])('reads the signature first (%#: %s)', (data, name, type) => {
    expect(detectMimeType(data, name)).toBe(type);
  });

  it('takes the extension for zip and OLE2 containers, and where there is no signature', () => {
    const zip = bytes('504b0304');
    expect(detectMimeType(zip, 'form.DOCX')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(detectMimeType(zip, 'sheet.ods')).toBe('application/vnd.oasis.opendocument.spreadsheet');
    expect(detectMimeType(zip, 'photo.jpg')).toBe('application/zip');
    const ole = bytes('d0cf11e0a1b11ae1');
    expect(detectMimeType(ole, 'old.xls')).toBe('application/vnd.ms-excel');
    expect(detectMimeType(ole, 'old.bin')).toBe('application/octet-stream');
    expect(detectMimeType(new Uint8Array(Buffer.from('hello')), 'notes.txt')).toBe('text/plain');
    expect(detectMimeType(new Uint8Array(0), 'empty')).toBe('application/octet-stream');
  });
});
