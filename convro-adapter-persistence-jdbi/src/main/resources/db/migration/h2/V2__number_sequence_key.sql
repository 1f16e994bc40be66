-- The permutation key is made once, here, by the database's own CSPRNG; it must never change afterwards.
INSERT INTO number_sequence (id, next_value, permutation_key) VALUES (1, 0, SECURE_RAND(32));
