-- API keys: only the SHA-256 of the (random, 256-bit) key is stored; the key itself is shown once.
CREATE TABLE api_key (
  id           uuid PRIMARY KEY,
  key_hash     bytea NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
  role         text NOT NULL CHECK (role IN ('admin', 'loket', 'municipality', 'reporting')),
  municipality text CHECK (municipality ~ '^GM[0-9]{4}$'),
  name         text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  CHECK ((role = 'municipality') = (municipality IS NOT NULL))
);
