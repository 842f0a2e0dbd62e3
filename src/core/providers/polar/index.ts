import type { CatalogEntry } from '../catalog-entry';
import { polar } from './definition';

export const entry: CatalogEntry = { definition: polar };
