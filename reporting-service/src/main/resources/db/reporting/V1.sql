CREATE TABLE consumer_offset (topic text NOT NULL, part int NOT NULL, next_offset bigint NOT NULL, PRIMARY KEY (topic, part));
