// Policies and macros with their versions. A macro save is a new version; a publish freezes the
// draft policy together with the exact macro versions it runs, so any decision can be replayed.
export default [
  `CREATE TABLE macro_versions (
     name TEXT NOT NULL,
     version INTEGER NOT NULL,
     source TEXT NOT NULL,
     js TEXT NOT NULL,
     hooks TEXT NOT NULL,
     created_at TEXT NOT NULL,
     created_by TEXT NOT NULL,
     PRIMARY KEY (name, version))`,
  `CREATE TABLE macros (
     name TEXT PRIMARY KEY,
     draft_version INTEGER NOT NULL,
     deleted_at TEXT)`,
  `CREATE TABLE policy_draft (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     document TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     updated_by TEXT NOT NULL)`,
  `CREATE TABLE policy_versions (
     version INTEGER PRIMARY KEY,
     document TEXT NOT NULL,
     macros TEXT NOT NULL,
     published_at TEXT NOT NULL,
     published_by TEXT NOT NULL,
     note TEXT)`,
  `CREATE TABLE policy_live (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     version INTEGER NOT NULL REFERENCES policy_versions(version),
     changed_at TEXT NOT NULL)`,
];
