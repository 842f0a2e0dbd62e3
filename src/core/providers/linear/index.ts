import type { CatalogEntry } from '../catalog-entry';
import { linear } from './definition';

export const entry: CatalogEntry = { definition: linear };
