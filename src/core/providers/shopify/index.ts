import type { CatalogEntry } from '../catalog-entry';
import { shopify } from './definition';

export const entry: CatalogEntry = { definition: shopify };
