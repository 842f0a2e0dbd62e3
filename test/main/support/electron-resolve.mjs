// Module resolve hook: `electron` is the fake; everything else resolves as usual.
const fake = new URL('./fake-electron-process.ts', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return next(fake, context);
  return next(specifier, context);
}
