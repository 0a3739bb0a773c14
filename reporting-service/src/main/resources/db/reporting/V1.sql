-- The reporting-service's roll-ups. Never a plate: reports read these tables only.

-- Where each consumed partition stands, written in the same transaction as the roll-ups it produced.
CREATE TABLE consumer_offset (
  topic       text   NOT NULL,
  part        int    NOT NULL,
  next_offset bigint NOT NULL,
  PRIMARY KEY (topic, part)
);

-- Evaluated passages counted per municipality, Europe/Amsterdam day and every attribute a report splits by.
-- Missing basis/rule/kind are stored as '' so that they take part in the key.
CREATE TABLE passage_rollup (
  day             date    NOT NULL,
  municipality    text    NOT NULL,
  verdict         text    NOT NULL,
  basis           text    NOT NULL,
  rule            text    NOT NULL,
  vehicle_kind    text    NOT NULL,
  foreign_plate   boolean NOT NULL,
  passages        bigint  NOT NULL,
  fine_amount_eur bigint  NOT NULL,
  PRIMARY KEY (day, municipality, verdict, basis, rule, vehicle_kind, foreign_plate)
);

-- Passages already counted, so that a passage published twice (the topic is at-least-once) counts once.
-- Pruned by the day it was first seen: duplicates arrive close to their original in time.
CREATE TABLE seen_passage (
  municipality text NOT NULL,
  passage_id   text NOT NULL,
  seen_on      date NOT NULL DEFAULT current_date,
  PRIMARY KEY (municipality, passage_id)
);
CREATE INDEX seen_passage_seen_on ON seen_passage (seen_on);

-- One row per long-term exemption application, at its highest version: no plate, no applicant.
CREATE TABLE exemption_application (
  id             text   PRIMARY KEY,
  type           text   NOT NULL,
  scope          text   NOT NULL,
  municipalities text[] NOT NULL,
  submitted_on   date   NOT NULL,
  status         text   NOT NULL,
  version        bigint NOT NULL
);
CREATE INDEX exemption_application_submitted_on ON exemption_application (submitted_on);

-- One row per day exemption, at its highest version: no plate.
CREATE TABLE day_exemption (
  id           text   PRIMARY KEY,
  municipality text   NOT NULL,
  day          date   NOT NULL,
  version      bigint NOT NULL
);
CREATE INDEX day_exemption_day ON day_exemption (day);
