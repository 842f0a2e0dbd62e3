import type { CatalogEntry } from '../catalog-entry';
import { sentry } from './definition';

export const entry: CatalogEntry = { definition: sentry };
