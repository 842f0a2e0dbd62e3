import type { CatalogEntry } from '../catalog-entry';
import { lemonSqueezy } from './definition';

export const entry: CatalogEntry = { definition: lemonSqueezy };
