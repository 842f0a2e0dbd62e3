import type { CatalogEntry } from '../catalog-entry';
import { plaid } from './definition';

export const entry: CatalogEntry = { definition: plaid };
