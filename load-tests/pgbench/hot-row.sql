-- The floor under any single-tier on-sale: one row, locked and decremented per transaction, the
-- same shape as the booking transaction's tier update, without HTTP, JSON, outbox or audit rows.
BEGIN;
SELECT available FROM bench_hot_row WHERE id = 1 FOR UPDATE;
UPDATE bench_hot_row SET available = available - 1 WHERE id = 1;
COMMIT;
