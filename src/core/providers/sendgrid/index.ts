import type { CatalogEntry } from '../catalog-entry';
import { sendgrid } from './definition';

/** SendGrid posts a batch, a JSON array of events: its definition says so (envelope.batched). */
export const entry: CatalogEntry = { definition: sendgrid };
