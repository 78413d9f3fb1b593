// A known value sealed under the key the database's secrets are sealed with (see secret-box.ts): a
// process holding another key (a different CONVEYOR_SECRET_KEY, a database restored without its key
// file) fails to open it and refuses to seal or read any secret, rather than mix keys.
export default [`CREATE TABLE secret_key_check (id INTEGER PRIMARY KEY CHECK (id = 1), sealed TEXT NOT NULL)`];
