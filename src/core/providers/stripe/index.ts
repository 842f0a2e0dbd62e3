import type { CatalogEntry } from '../catalog-entry';
import { stripe } from './definition';

export const entry: CatalogEntry = { definition: stripe };
