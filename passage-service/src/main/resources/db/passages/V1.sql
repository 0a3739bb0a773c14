-- Claimed (municipality, id) keys: a passage is accepted once its claim committed together with Kafka's ack.
-- No plate here: the plate travels only on the short-retention received topic.
CREATE TABLE passage_claim (
  municipality text NOT NULL,
  id text NOT NULL,
  zone text NOT NULL,
  camera text NOT NULL,
  ts timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality, id)
);

-- One verdict per passage, written once (a replay finds it and reuses it).
CREATE TABLE passage_verdict (
  municipality text NOT NULL,
  id text NOT NULL,
  zone text NOT NULL,
  camera text NOT NULL,
  ts timestamptz NOT NULL,
  day date NOT NULL,
  verdict text NOT NULL,
  basis text,
  rule text,
  vehicle_kind text,
  country text NOT NULL,
  fine_eur integer,
  plate text,
  evaluated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality, id),
  CONSTRAINT plate_only_for_violations CHECK (plate IS NULL OR verdict IN ('WARNING', 'FINE'))
);
CREATE INDEX violation_by_municipality ON passage_verdict (municipality, ts, id) WHERE verdict IN ('WARNING', 'FINE');
CREATE INDEX violation_by_time ON passage_verdict (ts, municipality, id) WHERE verdict IN ('WARNING', 'FINE');
CREATE INDEX violation_plate_to_purge ON passage_verdict (ts) WHERE plate IS NOT NULL;

-- The per-day rule: the first violation of a plate in a municipality on a day owns the row; later ones are REPEAT.
CREATE TABLE violation_day (
  municipality text NOT NULL,
  plate text NOT NULL,
  day date NOT NULL,
  passage_id text NOT NULL,
  PRIMARY KEY (municipality, plate, day)
);
