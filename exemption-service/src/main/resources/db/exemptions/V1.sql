-- owned by the exemption-service; grows with its issue
CREATE TABLE municipality (
  code text PRIMARY KEY,
  doc jsonb NOT NULL
);
