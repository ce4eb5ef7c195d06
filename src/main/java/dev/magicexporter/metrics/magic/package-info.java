/**
 * Metric family tables of the account-level sources (tunnels and interconnects, packet captures
 * and their buckets, Workers VPC services, the Magic WAN inventory and routes), and the
 * collectors that render them from {@link dev.magicexporter.store.MagicStores} at scrape time.
 * Rows are built once per poll (at the first scrape after it) and reused until the next poll.
 */
package dev.magicexporter.metrics.magic;
