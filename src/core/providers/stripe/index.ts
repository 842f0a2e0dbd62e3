import type { CatalogEntry } from '../catalog-entry';
import { stripe } from './definition';
import { checkStripe } from './rules';
import { stripeSample } from './samples';

export const entry: CatalogEntry = { definition: stripe, sample: stripeSample, rules: checkStripe };
