/**
 * The transactional outbox: events are stored in the same database transaction as the state
 * change that caused them, and a single relay publishes them to Kafka in order, in Kafka
 * transactions, marking them sent afterwards. A crash between send and mark re-sends; consumers
 * dedupe by eventId.
 */
package dev.tollgate.approval.outbox;
