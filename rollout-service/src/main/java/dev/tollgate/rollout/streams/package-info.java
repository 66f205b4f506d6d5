/** Spring wiring: streams settings, the KafkaStreams lifecycle, its health. */
package dev.tollgate.rollout.streams;
