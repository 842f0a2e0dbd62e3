import type { Page } from 'playwright-core';

/** The Endpoints screen's form, its fields by name and the error under each; `page` is read at each call. */
export function endpointForm(page: () => Page) {
  const form = () => page().locator('form.endpoint-form');
  return {
    form,
    field: (name: string) => form().locator(`[name="${name}"]`),
    fieldError: (name: string) => form().locator(`[data-field="${name}"] .field-error`),
  };
}
