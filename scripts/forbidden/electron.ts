// Layer guard: per-layer tsconfigs map `electron` here for src/core, src/shared
// and renderer/. Any import of it pulls in this file, which fails to type-check.
const electronIsForbiddenInThisLayer_onlySrcMainAndSrcPreloadMayImportIt: 'forbidden' = 'electron';
export default electronIsForbiddenInThisLayer_onlySrcMainAndSrcPreloadMayImportIt;
