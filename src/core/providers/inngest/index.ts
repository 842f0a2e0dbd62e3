import type { CatalogEntry } from '../catalog-entry';
import { canonicalInvocation } from './body';
import { inngest } from './definition';

export const entry: CatalogEntry = { definition: inngest, body: canonicalInvocation };
