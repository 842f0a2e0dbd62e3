import { describe, expect, it } from 'vitest';
import { base64ToBytes, hexDump, jsonContainer, utf8OrNull } from '../../../renderer/src/detail/bytes';
import { parseQuery } from '../../../renderer/src/detail/query';

describe('body bytes in the detail', () => {
  it('decodes base64 to the exact bytes', () => {
    const bytes = Uint8Array.from([0, 1, 127, 128, 255]);
    expect([...base64ToBytes(Buffer.from(bytes).toString('base64'))]).toEqual([...bytes]);
  });

  it('shows text only when the bytes are valid UTF-8 without a NUL', () => {
    expect(utf8OrNull(new TextEncoder().encode('héllo'))).toBe('héllo');
    expect(utf8OrNull(Uint8Array.from([0xc3]))).toBeNull();
    expect(utf8OrNull(Uint8Array.from([0x61, 0x00, 0x62]))).toBeNull();
  });

  it('offers the JSON tree for an object or an array, never for a scalar or bad JSON', () => {
    expect(jsonContainer(' {"a":1}')).toEqual({ a: 1 });
    expect(jsonContainer('[1]')).toEqual([1]);
    expect(jsonContainer('"text"')).toBeUndefined();
    expect(jsonContainer('{"a":')).toBeUndefined();
  });

  it('dumps hex with offsets, two groups of eight, and printable ASCII only', () => {
    const bytes = new TextEncoder().encode('ABCDEFGHIJKLMNOP\x1b[2J');
    expect(hexDump(bytes).split('\n')).toEqual([
      '00000000  41 42 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50  |ABCDEFGHIJKLMNOP|',
      '00000010  1b 5b 32 4a                                       |.[2J|',
    ]);
    expect(hexDump(bytes, 4)).toBe('00000000  41 42 43 44                                       |ABCD|');
  });
});

describe('the query as a table', () => {
  it('keeps order and repeated keys, decodes form style, and keeps what cannot be decoded as it came', () => {
    expect(parseQuery('?a=1&a=2&b=x+y%21&flag&&c=%E0%A4')).toEqual([
      { name: 'a', value: '1', raw: 'a=1' },
      { name: 'a', value: '2', raw: 'a=2' },
      { name: 'b', value: 'x y!', raw: 'b=x+y%21' },
      { name: 'flag', value: '', raw: 'flag' },
      { name: 'c', value: '%E0%A4', raw: 'c=%E0%A4' },
    ]);
    expect(parseQuery('')).toEqual([]);
  });
});
