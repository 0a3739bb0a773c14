-- What the day-exemption report reads: day exemptions counted per Europe/Amsterdam day and municipality, kept by
-- the consumer in the same statement (and transaction) as day_exemption. A two-month report reads ~1,800 rows
-- instead of every day exemption of the period (~8,000 for a year of 50,000).
CREATE TABLE day_exemption_count (
  day          date   NOT NULL,
  municipality text   NOT NULL,
  n            bigint NOT NULL,
  PRIMARY KEY (day, municipality)
);

INSERT INTO day_exemption_count SELECT day, municipality, count(*) FROM day_exemption GROUP BY day, municipality;

-- seen_on grows with the insertion order, so a BRIN index serves the hourly prune at almost no cost per insert;
-- the btree it replaces cost the consumer a second index insertion for every counted passage.
DROP INDEX seen_passage_seen_on;
CREATE INDEX seen_passage_seen_on ON seen_passage USING brin (seen_on) WITH (autosummarize = on);
