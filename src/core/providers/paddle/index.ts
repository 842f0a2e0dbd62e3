import type { CatalogEntry } from '../catalog-entry';
import { paddle } from './definition';

export const entry: CatalogEntry = { definition: paddle };
