CREATE TABLE passage_claim (municipality text NOT NULL, id text NOT NULL, PRIMARY KEY (municipality, id));
