#!/bin/bash
# Creates every topic the services use, including retry and dead-letter topics (idempotent). Retry and
# dead-letter topics get as many partitions as their source: SmallRye writes a retried or
# dead-lettered record to the partition number it was read from.
set -euo pipefail
BOOTSTRAP=${BOOTSTRAP:-kafka:9092}
PARTITIONS=${PARTITIONS:-6}
create() { /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$1" --partitions "${2:-$PARTITIONS}" --replication-factor 1 "${@:3}"; }
for t in booking.events payment.events inventory.events catalog.events waitlist.events; do create "$t"; done
for d in 60000 120000 240000 480000 960000; do
  create "booking.events_retry_$d"
  create "booking.events_notify_retry_$d"
  create "booking.events_analytics_retry_$d"
  create "payment.events_analytics_retry_$d"
  create "waitlist.events_notify_retry_$d"
  create "waitlist.events_analytics_retry_$d"
done
for t in booking.events.payment-worker.dlq booking.events.notification-worker.dlq booking.events.analytics-projector.dlq \
         payment.events.booking-api.dlq payment.events.analytics-projector.dlq access.events.notification-worker.dlq \
         waitlist.events.notification-worker.dlq waitlist.events.analytics-projector.dlq; do create "$t"; done
# sign-in link requests: read once by the notification worker, kept one hour
for t in access.events; do create "$t" "$PARTITIONS" --config retention.ms=3600000; done
echo "topics ready"
