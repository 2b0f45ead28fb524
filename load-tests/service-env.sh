# Sourced by startup.sh and aot-train.sh: the environment one service's quarkus-run.jar gets in the local
# stack's shape (profile local, the stack's database, Redis and Kafka), on ports of its own.
# Uses $module, $port, $management_port and $db_host; KAFKA and REDIS override the stack's addresses.
# Prints NAME=value words (no value has a space), or fails for an unknown module.
service_env() {
    local common="QUARKUS_PROFILE=local HTTP_HOST=127.0.0.1 MANAGEMENT_HOST=127.0.0.1 PORT=$port MANAGEMENT_PORT=$management_port KAFKA_BOOTSTRAP_SERVERS=${KAFKA:-127.0.0.1:19092}"
    case "$module" in
        booking-api) echo "$common BOOKING_DB_URL=jdbc:postgresql://$db_host/booking_api BOOKING_DB_USER=postgres BOOKING_DB_PASSWORD=postgres REDIS_URL=${REDIS:-redis://127.0.0.1:16379} ANALYTICS_PUBLIC_URL=http://localhost:8083" ;;
        payment-worker) echo "$common PAYMENT_DB_URL=jdbc:postgresql://$db_host/payment_worker PAYMENT_DB_USER=postgres PAYMENT_DB_PASSWORD=postgres" ;;
        notification-worker) echo "$common NOTIFICATION_DB_URL=jdbc:postgresql://$db_host/notification_worker NOTIFICATION_DB_USER=postgres NOTIFICATION_DB_PASSWORD=postgres MAIL_MOCK=true MAILBOX_PAGE=true" ;;
        analytics-projector) echo "$common ANALYTICS_DB_URL=jdbc:postgresql://$db_host/analytics_projector ANALYTICS_DB_USER=postgres ANALYTICS_DB_PASSWORD=postgres ANALYTICS_CORS_ORIGINS=http://localhost:8080" ;;
        *) echo "unknown MODULE $module" >&2; return 2 ;;
    esac
}
