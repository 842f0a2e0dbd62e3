// Layer guard: per-layer tsconfigs map `better-sqlite3` here for src/shared and
// renderer/. Any import of it pulls in this file, which fails to type-check.
const theDatabaseIsForbiddenInThisLayer_onlySrcCoreStoreTalksToSqlite: 'forbidden' = 'better-sqlite3';
export default theDatabaseIsForbiddenInThisLayer_onlySrcCoreStoreTalksToSqlite;
