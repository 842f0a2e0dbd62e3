import type { CatalogEntry } from '../catalog-entry';
import { coinbaseCommerce } from './definition';

export const entry: CatalogEntry = { definition: coinbaseCommerce };
