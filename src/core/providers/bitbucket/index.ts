import type { CatalogEntry } from '../catalog-entry';
import { bitbucket } from './definition';

export const entry: CatalogEntry = { definition: bitbucket };
