/**
 * Account-level sources polled on their own schedules: tunnels and interconnects, packet
 * captures and bucket ownership, Workers VPC services, and the Magic WAN inventory (sites and
 * their LANs, WANs, ACLs and app configs; apps; routes). Each source is one {@link
 * dev.magicexporter.poll.Poller} over every configured account; an account whose request fails
 * keeps its last good data and is reported in self-metrics, and never stops the other accounts
 * or sources.
 */
package dev.magicexporter.poll.source;
