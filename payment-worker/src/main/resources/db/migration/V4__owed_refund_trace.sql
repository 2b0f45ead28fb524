-- The trace of the RefundRequested a refund is owed for (its W3C traceparent), so that a refund the
-- reconciler pays later is in the booking's trace like one paid at once. Null for refunds owed before.
alter table owed_refunds add column traceparent varchar(55);
