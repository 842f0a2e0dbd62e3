import type { CatalogEntry } from '../catalog-entry';
import { knock } from './definition';

export const entry: CatalogEntry = { definition: knock };
