import { describe, expect, it } from 'vitest';
import {
  bindingChange,
  secretsError,
  toBindingFields,
  typedSecrets,
} from '../../../renderer/src/endpoints/binding-form';

describe("the endpoint form's verification fields", () => {
  it('reads one secret per line, blank lines and surrounding spaces left out', () => {
    expect(typedSecrets('  whsec_a \n\n whsec_b\n')).toEqual(['whsec_a', 'whsec_b']);
  });

  it('holds secrets to the API and CLI limits: at most 20, each at most 4096 characters', () => {
    expect(secretsError(['a', 'b'])).toBeUndefined();
    expect(secretsError(Array.from({ length: 21 }, (_, i) => `s${i}`))).toBe('at most 20 secrets at once (21 typed)');
    expect(secretsError(['ok', 'x'.repeat(4097)])).toBe('secret on line 2: at most 4096 characters');
  });

  it('sends only what changed: the provider when it differs, secrets when typed or cleared', () => {
    expect(bindingChange(toBindingFields('prynt'), 'prynt')).toEqual({});
    expect(bindingChange({ ...toBindingFields('prynt'), provider: '' }, 'prynt')).toEqual({ provider: null });
    expect(bindingChange({ ...toBindingFields(null), provider: 'lmif', secrets: 'k1\nk2' }, null)).toEqual({
      provider: 'lmif',
      secrets: ['k1', 'k2'],
      secretsMode: 'add',
    });
    expect(bindingChange({ ...toBindingFields('prynt'), secrets: 'k', secretsMode: 'replace' }, 'prynt')).toEqual({
      secrets: ['k'],
      secretsMode: 'replace',
    });
    expect(bindingChange({ ...toBindingFields('prynt'), clearSecrets: true }, 'prynt')).toEqual({
      secrets: [],
      secretsMode: 'replace',
    });
    expect(
      bindingChange({ ...toBindingFields('prynt'), clearSecrets: true, secrets: 'new', secretsMode: 'add' }, 'prynt'),
    ).toEqual({ secrets: ['new'], secretsMode: 'replace' });
  });
});
