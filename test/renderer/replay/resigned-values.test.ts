import { describe, expect, it } from 'vitest';
import { headerRows, resignedValues } from '../../../renderer/src/replay/form';

describe('the re-signed values shown in the header editor', () => {
  it('marks the rows a re-sign rewrites (by name, any case, in order) and lists the headers it adds', () => {
    const rows = headerRows([
      ['Content-Type', 'application/json'],
      ['X-Prynt-Signature', 'sha256=old'],
      ['x-prynt-timestamp', '100'],
      ['Host', '127.0.0.1:8787'],
    ]);
    const sent: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['X-Prynt-Signature', 'sha256=new'],
      ['x-prynt-timestamp', '200'],
      ['X-Extra-Id', 'abc'],
    ];
    const { changed, added } = resignedValues(rows, sent);
    expect([...changed.entries()]).toEqual([
      [rows[1].key, 'sha256=new'],
      [rows[2].key, '200'],
    ]);
    expect(added).toEqual([['X-Extra-Id', 'abc']]);
  });

  it('matches duplicates one for one', () => {
    const rows = headerRows([
      ['X-Sig', 'a'],
      ['X-Sig', 'b'],
    ]);
    const { changed, added } = resignedValues(rows, [
      ['X-Sig', 'a'],
      ['X-Sig', 'c'],
    ]);
    expect([...changed.values()]).toEqual(['c']);
    expect(added).toEqual([]);
  });
});
