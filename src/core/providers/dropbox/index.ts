import type { CatalogEntry } from '../catalog-entry';
import { dropbox } from './definition';

export const entry: CatalogEntry = { definition: dropbox };
