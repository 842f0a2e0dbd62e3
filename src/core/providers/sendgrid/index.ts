import type { CatalogEntry } from '../catalog-entry';
import { sendgrid } from './definition';

/** SendGrid posts a batch: the body is an array of events. */
export const entry: CatalogEntry = { definition: sendgrid, body: (event) => [event] };
