-- owned by the exemption-service (issue 3): reference data, the RDW register, exemptions, day exemptions, outbox

CREATE TABLE municipality (
  code text PRIMARY KEY,
  name text NOT NULL,
  enforcement_start date NOT NULL,
  source text,
  zones jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The register as imported: one table per RDW export, upserted by its natural key so re-imports are idempotent.
CREATE TABLE vehicle (
  plate text PRIMARY KEY,
  vehicle_type text NOT NULL,
  eu_category text NOT NULL,
  body_style text NOT NULL,
  first_admission date NOT NULL,
  first_registration_nl date,
  maximum_mass_kg integer,
  imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE vehicle_fuel (
  plate text NOT NULL,
  sequence integer NOT NULL,
  fuel text NOT NULL,
  emission_class text,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (plate, sequence)
);

-- kind: B = carrosseriecode, T = European body type (carrosserietype), R = remark code (bijzonderheid_code)
CREATE TABLE vehicle_body (
  plate text NOT NULL,
  kind char(1) NOT NULL,
  code text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (plate, kind, code)
);

CREATE TABLE exemption (
  seq bigserial PRIMARY KEY,
  id text GENERATED ALWAYS AS ('EX-' || seq) STORED UNIQUE,
  plate text NOT NULL,
  type text NOT NULL,
  scope text NOT NULL,
  municipalities text[],
  applicant_name text NOT NULL,
  applicant_kvk text,
  requested_from date NOT NULL,
  requested_until date,
  submitted_at timestamptz NOT NULL,
  status text NOT NULL,
  valid_from date,
  valid_until date,
  decided_at timestamptz,
  reason text,
  revoked_at timestamptz,
  revocation_reason text,
  version bigint NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX exemption_plate ON exemption (plate);
CREATE INDEX exemption_status ON exemption (status, seq);

CREATE TABLE day_exemption (
  seq bigserial PRIMARY KEY,
  id text GENERATED ALWAYS AS ('DE-' || seq) STORED UNIQUE,
  plate text NOT NULL,
  municipality text NOT NULL,
  date date NOT NULL,
  valid_from timestamptz NOT NULL,
  valid_until timestamptz NOT NULL,
  requested_at timestamptz NOT NULL,
  UNIQUE (plate, municipality, date)
);

-- One row per plate, municipality and calendar year, locked while a day exemption is granted: the yearly limit
-- holds however many requests arrive at once.
CREATE TABLE day_exemption_count (
  plate text NOT NULL,
  municipality text NOT NULL,
  year integer NOT NULL,
  used integer NOT NULL,
  PRIMARY KEY (plate, municipality, year)
);

-- Written in the transaction of each change; the publisher sends unpublished rows to Kafka in id order.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  key text NOT NULL,
  payload text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
