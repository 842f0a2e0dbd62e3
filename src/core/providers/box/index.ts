import type { CatalogEntry } from '../catalog-entry';
import { box } from './definition';

export const entry: CatalogEntry = { definition: box };
