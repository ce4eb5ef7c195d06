/**
 * Metric families as data (the kube-state-metrics {@code FamilyGenerator} idea): every metric
 * family of an object kind is one record in one table, and everything else (the scrape output,
 * the client_java view, the generated {@code docs/metrics.md}) is derived from the tables.
 *
 * <ul>
 *   <li>{@link dev.magicexporter.metrics.family.Family}: name, help, type, own labels, API source,
 *       unit {@link dev.magicexporter.metrics.family.Conversion}, and an
 *       {@link dev.magicexporter.metrics.family.Extractor} that passes raw values of one immutable
 *       object to a {@link dev.magicexporter.metrics.family.SampleSink} (NaN = absent = no series).
 *   <li>{@link dev.magicexporter.metrics.family.FamilyTable}: the families of one object kind plus
 *       the common labels (e.g. {@code account_id}, {@code tunnel_id}) that one wrapper adds first
 *       to every series.
 *   <li>{@link dev.magicexporter.metrics.family.Row}: one object with its common label values,
 *       pre-encoded; stores keep rows so a scrape allocates nothing per object.
 *   <li>{@link dev.magicexporter.metrics.family.FamilyCollector}: a table over a store's rows,
 *       registered with {@code Metrics.register(FamilyCollector)} and written by the metrics
 *       endpoint straight to the response ({@link dev.magicexporter.metrics.family.FamilyWriter}).
 *   <li>{@code dev.magicexporter.metrics.FamilyCatalog}: the list of every table of the product;
 *       add yours there, then regenerate {@code docs/metrics.md} (the test
 *       {@code FamilyCatalogTest} fails until you do).
 * </ul>
 *
 * <p>Example, for a tunnel record with {@code id()}, {@code name()}, {@code mtu()} (Integer,
 * null when absent) and a {@code health()} enum string:
 *
 * <pre>{@code
 * static final FamilyTable<GreTunnel> TABLE = new FamilyTable<>(
 *     "GRE tunnels", "From `GET /accounts/{account_id}/magic/gre_tunnels`.",
 *     List.of("account_id", "tunnel_id"),
 *     List.of(
 *         Family.info("cloudflare_tunnel_info", "Descriptive fields of the tunnel.", "name",
 *             List.of("name"), t -> new String[] {t.name()}),
 *         Family.gauge("cloudflare_tunnel_mtu_bytes", "Maximum transmission unit.", "mtu",
 *             Conversion.NONE, t -> t.mtu() == null ? Double.NaN : t.mtu()),
 *         Family.stateSet("cloudflare_tunnel_health_state", "Health check state.", "health",
 *             "state", List.of("healthy", "degraded", "down"), GreTunnel::health)));
 *
 * // in the store, once per poll:  rows.put(id, TABLE.row(tunnel, accountId, tunnel.id()));
 * // at wiring time:               metrics.register(new FamilyCollector<>(TABLE, rows::values));
 * }</pre>
 *
 * which exposes, per tunnel:
 *
 * <pre>
 * cloudflare_tunnel_info{account_id="a1",tunnel_id="t1",name="gre-fra"} 1
 * cloudflare_tunnel_mtu_bytes{account_id="a1",tunnel_id="t1"} 1476
 * cloudflare_tunnel_health_state{account_id="a1",tunnel_id="t1",state="healthy"} 1
 * cloudflare_tunnel_health_state{account_id="a1",tunnel_id="t1",state="degraded"} 0
 * </pre>
 *
 * Families with per-element labels (one series per disk, per interface) write their own
 * {@link dev.magicexporter.metrics.family.Extractor} that loops over the elements and calls
 * {@code out.sample(element.name(), value)}.
 *
 * <p>Two things every new family must get right, because gzip scrapes reuse rendered text
 * (package {@code metrics.scrape}):
 *
 * <ul>
 *   <li><b>Row objects are immutable.</b> A row is rendered again only when the store hands out a
 *       different object for its labels (or a record that is not {@code equals}); an object
 *       changed in place would keep its old series.
 *   <li><b>Values that change without new data are live.</b> An age computed from a clock, or a
 *       value read from a mutable counter: declare the family with {@code .asLive()} and it is
 *       rendered on every scrape. Timestamps of the data (e.g. {@code _timestamp_seconds}) are
 *       data, not live.
 * </ul>
 *
 * <p>Own labels that do not identify a sample (a MAC beside the interface name, a serial number)
 * can be declared droppable with {@code .withDroppable("mac")}; {@code metrics.label_denylist}
 * removes only such labels. Info families built with {@code Family.info} have one series per
 * object, so all their own labels are droppable.
 */
package dev.magicexporter.metrics.family;
