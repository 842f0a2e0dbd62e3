import type { CatalogEntry } from '../catalog-entry';
import { vercel } from './definition';

export const entry: CatalogEntry = { definition: vercel };
