// Settings the business changes at run time (routing's cost model first), one row per change so
// every version says who changed what and when. A key's live value is its highest version.
export default [
  `CREATE TABLE settings_versions (
     key TEXT NOT NULL,
     version INTEGER NOT NULL,
     overrides TEXT NOT NULL,
     change TEXT,
     updated_at TEXT NOT NULL,
     updated_by TEXT NOT NULL,
     PRIMARY KEY (key, version))`,
];
