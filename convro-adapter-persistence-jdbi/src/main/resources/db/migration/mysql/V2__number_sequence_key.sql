-- The permutation key is made once, here, by the database's own CSPRNG; it must never change afterwards.
-- RANDOM_BYTES: MySQL 5.6.17+, MariaDB 10.10+.
INSERT INTO number_sequence (id, next_value, permutation_key) VALUES (1, 0, RANDOM_BYTES(32));
