/**
 * The simulator's GraphQL Analytics API ({@code POST /client/v4/graphql}): a parser for the
 * GraphQL subset analytics queries use, an executor over the Magic Transit datasets (tunnel
 * health checks, health-check SLOs, tunnel traffic, Magic Firewall samples), and the simulated
 * analytics themselves, a pure function of the seed, the simulated tunnels and the clock, with a
 * ground-truth view for tests. Like the rest of {@code sim}, it imports nothing from the code it
 * tests.
 */
package dev.magicexporter.sim.graphql;
