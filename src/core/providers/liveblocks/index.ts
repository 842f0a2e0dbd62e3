import type { CatalogEntry } from '../catalog-entry';
import { liveblocks } from './definition';

export const entry: CatalogEntry = { definition: liveblocks };
