CREATE TABLE api_key (id text PRIMARY KEY);
