import type { CatalogEntry } from '../catalog-entry';
import { telegram } from './definition';

export const entry: CatalogEntry = { definition: telegram };
