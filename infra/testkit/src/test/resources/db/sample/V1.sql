CREATE TABLE counter (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO counter VALUES (1, 0);
