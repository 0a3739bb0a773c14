-- What the compliance and enforcement reports read: one row per municipality and Europe/Amsterdam day, holding
-- exactly the sums those reports take of passage_rollup, kept in the same statement (and transaction) as
-- passage_rollup by the consumer. A two-month report reads ~1,800 rows instead of ~44,000.
-- "counted" = Dutch-plated vans and trucks (the compliance formula's passages); warnings/fines/fine_amount_eur
-- count every passage, as the enforcement report does.
CREATE TABLE municipality_day (
  day              date   NOT NULL,
  municipality     text   NOT NULL,
  allowed          bigint NOT NULL,
  exempted         bigint NOT NULL,
  counted_warnings bigint NOT NULL,
  counted_fines    bigint NOT NULL,
  counted_repeats  bigint NOT NULL,
  not_enforceable  bigint NOT NULL,
  unresolved       bigint NOT NULL,
  warnings         bigint NOT NULL,
  fines            bigint NOT NULL,
  fine_amount_eur  bigint NOT NULL,
  PRIMARY KEY (day, municipality)
);

INSERT INTO municipality_day
SELECT day, municipality,
  coalesce(sum(passages) FILTER (WHERE NOT foreign_plate AND vehicle_kind IN ('VAN', 'TRUCK') AND verdict = 'ALLOWED'
    AND basis IN ('ZONE_NOT_ACTIVE', 'ZERO_EMISSION', 'VRIJSTELLING', 'TRANSITION')), 0),
  coalesce(sum(passages) FILTER (WHERE NOT foreign_plate AND vehicle_kind IN ('VAN', 'TRUCK') AND verdict = 'ALLOWED'
    AND basis IN ('EXEMPTION', 'DAY_EXEMPTION')), 0),
  coalesce(sum(passages) FILTER (WHERE NOT foreign_plate AND vehicle_kind IN ('VAN', 'TRUCK') AND verdict = 'WARNING'), 0),
  coalesce(sum(passages) FILTER (WHERE NOT foreign_plate AND vehicle_kind IN ('VAN', 'TRUCK') AND verdict = 'FINE'), 0),
  coalesce(sum(passages) FILTER (WHERE NOT foreign_plate AND vehicle_kind IN ('VAN', 'TRUCK') AND verdict = 'REPEAT'), 0),
  coalesce(sum(passages) FILTER (WHERE verdict = 'NOT_ENFORCEABLE'), 0),
  coalesce(sum(passages) FILTER (WHERE verdict = 'UNRESOLVED'), 0),
  coalesce(sum(passages) FILTER (WHERE verdict = 'WARNING'), 0),
  coalesce(sum(passages) FILTER (WHERE verdict = 'FINE'), 0),
  coalesce(sum(fine_amount_eur) FILTER (WHERE verdict = 'FINE'), 0)
FROM passage_rollup GROUP BY day, municipality;
