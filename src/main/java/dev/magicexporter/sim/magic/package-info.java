/**
 * The simulated Magic estate: {@link dev.magicexporter.sim.magic.MagicSimWorld} holds one
 * {@link dev.magicexporter.sim.magic.SimResourceStore} per resource; each sub-package simulates
 * one family of resources over it ({@code tunnels}, {@code pcaps}, {@code inventory},
 * {@code services}) and {@code writes} serves every write endpoint.
 */
package dev.magicexporter.sim.magic;
