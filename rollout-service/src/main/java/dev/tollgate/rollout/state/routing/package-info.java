/**
 * Queries answered by any instance: the instance that owns a model's partition answers from its
 * stores, every other one forwards to it over HTTP (Kafka Streams' {@code application.server}
 * metadata says who owns what).
 */
package dev.tollgate.rollout.state.routing;
