import type { CatalogEntry } from '../catalog-entry';
import { mailchimpTransactional } from './definition';

export const entry: CatalogEntry = { definition: mailchimpTransactional };
