/** Names and value serdes of the topology's state stores (internal JSON, never on a public topic). */
package dev.tollgate.rollout.stores;
