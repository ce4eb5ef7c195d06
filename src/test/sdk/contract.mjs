// The contract test's client side: the official Cloudflare TypeScript SDK (npm `cloudflare` 7.x),
// pointed at the simulator or at the admin API (its base URL changed, nothing else). Run by
// SdkContractTest, which starts the servers and passes, in the environment:
//   MODE         surface (lists, gets, event paging, write round trips, read-modify-write, bulk
//                updates, tokens) or replay (the reference's example bodies, sent as they are)
//   BASE_URL     .../client/v4
//   TOKEN        the token that may write
//   READ_TOKEN   (admin only) a read-only token: every write must get 403
//   WRONG_STATUS the status a wrong token gets (401 from the admin API; 403 from Cloudflare)
//   ACCOUNT_ID, CONNECTOR_ID, EVENTS_FROM, EVENTS_TO, EVENTS_LIMIT   (surface)
//   REQUESTS     a JSON file: [{method, path, body, expect}] (replay: the examples; surface: every
//                write route with concrete ids, for the read-only token)
// Prints one JSON report on stdout ({failures: [...], counts: {...}, notes: [...]}) and exits 1
// when anything failed.
import Cloudflare from 'cloudflare';
import { readFileSync } from 'node:fs';

const env = process.env;
const A = env.ACCOUNT_ID;
const report = { mode: env.MODE, failures: [], counts: {}, notes: [] };
const client = (token) => new Cloudflare({ apiToken: token, baseURL: env.BASE_URL, maxRetries: 0, timeout: 60_000 });
const cf = client(env.TOKEN);

function fail(what, detail) {
  report.failures.push(`${what}: ${detail}`);
}

function check(what, ok, detail = '') {
  if (!ok) fail(what, detail || 'check failed');
  return ok;
}

/** Runs one step; an exception is a failure of that step, and the test goes on. */
async function step(what, fn) {
  try {
    return await fn();
  } catch (e) {
    fail(what, e instanceof Cloudflare.APIError ? `${e.status} ${JSON.stringify(e.errors)}` : String(e?.stack ?? e));
    return undefined;
  }
}

/** Expects the call to be refused with {@code status}. */
async function refused(what, status, fn) {
  try {
    await fn();
    fail(what, `expected ${status}, got a success`);
  } catch (e) {
    if (!(e instanceof Cloudflare.APIError)) {
      fail(what, String(e));
    } else {
      check(what, e.status === status, `expected ${status}, got ${e.status} ${JSON.stringify(e.errors)}`);
    }
  }
}

async function all(pagePromise) {
  const out = [];
  for await (const item of pagePromise) out.push(item);
  return out;
}

const count = (name, n) => { report.counts[name] = n; };

// ---- lists and gets of every resource served ----

async function readEverything() {
  const a = { account_id: A };
  const gre = await step('gre list', () => cf.magicTransit.greTunnels.list(a));
  if (gre && check('gre list', gre.gre_tunnels?.length > 0, JSON.stringify(gre).slice(0, 200))) {
    count('gre_tunnels', gre.gre_tunnels.length);
    const one = await step('gre get', () => cf.magicTransit.greTunnels.get(gre.gre_tunnels[0].id, a));
    check('gre get', one?.gre_tunnel?.id === gre.gre_tunnels[0].id);
  }
  const ipsec = await step('ipsec list', () => cf.magicTransit.ipsecTunnels.list(a));
  if (ipsec && check('ipsec list', ipsec.ipsec_tunnels?.length > 0)) {
    count('ipsec_tunnels', ipsec.ipsec_tunnels.length);
    const one = await step('ipsec get', () => cf.magicTransit.ipsecTunnels.get(ipsec.ipsec_tunnels[0].id, a));
    check('ipsec get', one?.ipsec_tunnel?.id === ipsec.ipsec_tunnels[0].id);
  }
  const cni = await step('interconnect list', () => cf.magicTransit.cfInterconnects.list(a));
  if (cni && check('interconnect list', cni.interconnects?.length > 0)) {
    count('interconnects', cni.interconnects.length);
    const one = await step('interconnect get', () => cf.magicTransit.cfInterconnects.get(cni.interconnects[0].id, a));
    check('interconnect get', one?.interconnect?.id === cni.interconnects[0].id);
  }
  const routes = await step('route list', () => cf.magicTransit.routes.list(a));
  if (routes && check('route list', routes.routes?.length > 0)) {
    count('routes', routes.routes.length);
    const one = await step('route get', () => cf.magicTransit.routes.get(routes.routes[0].id, a));
    check('route get', one?.route?.id === routes.routes[0].id);
  }
  const sites = await step('site list', () => all(cf.magicTransit.sites.list(a)));
  if (sites && check('site list', sites.length > 0)) {
    count('sites', sites.length);
    const site = sites[0];
    check('site get', (await step('site get', () => cf.magicTransit.sites.get(site.id, a)))?.id === site.id);
    const s = { account_id: A, site_id: site.id };
    for (const [name, api] of [['lans', cf.magicTransit.sites.lans], ['wans', cf.magicTransit.sites.wans],
      ['acls', cf.magicTransit.sites.acls]]) {
      const items = await step(`${name} list`, () => all(api.list(site.id, a)));
      if (items && items.length > 0) {
        count(name, items.length);
        check(`${name} get`, (await step(`${name} get`, () => api.get(items[0].id, s)))?.id === items[0].id);
      }
    }
    // The SDK has no app configuration endpoints: its generic request method reaches them.
    const configs = await step('app_configs list (raw)', () =>
      cf.get(`/accounts/${A}/magic/sites/${site.id}/app_configs`));
    check('app_configs list (raw)', Array.isArray(configs?.result), JSON.stringify(configs).slice(0, 200));
  }
  const apps = await step('app list', () => all(cf.magicTransit.apps.list(a)));
  if (apps) count('apps', apps.length);
  const connectors = await step('connector list', () => all(cf.magicTransit.connectors.list(a)));
  if (connectors && check('connector list', connectors.length > 0)) {
    count('connectors', connectors.length);
    const one = await step('connector get', () => cf.magicTransit.connectors.get(connectors[0].id, a));
    check('connector get', one?.id === connectors[0].id);
  }
  await telemetry();
  const pcaps = await step('pcap list', () => all(cf.magicTransit.pcaps.list(a)));
  if (pcaps && check('pcap list', pcaps.length > 0)) {
    count('pcaps', pcaps.length);
    check('pcap get', (await step('pcap get', () => cf.magicTransit.pcaps.get(pcaps[0].id, a)))?.id === pcaps[0].id);
    const done = pcaps.find((p) => p.type === 'simple' && p.status === 'success');
    if (check('a finished simple capture to download', done, JSON.stringify(pcaps.map((p) => [p.type, p.status])))) {
      const file = await step('pcap download', async () =>
        new Uint8Array(await (await cf.magicTransit.pcaps.download.get(done.id, a)).arrayBuffer()));
      // A pcap file starts with its magic number, in either byte order, microsecond or nanosecond form.
      const magic = file && file.length >= 24 ? Buffer.from(file.slice(0, 4)).toString('hex') : '';
      if (check('pcap download', ['a1b2c3d4', 'd4c3b2a1', 'a1b23c4d', '4d3cb2a1'].includes(magic),
        `${file?.length} bytes, magic ${magic}`)) count('download_bytes', file.length);
    }
  }
  const buckets = await step('ownership list', () => all(cf.magicTransit.pcaps.ownership.get(a)));
  if (buckets) count('ownerships', buckets.length);
  const services = await step('service list', () => all(cf.connectivity.directory.services.list({ ...a, per_page: 50 })));
  if (services && check('service list', services.length > 0)) {
    count('services', services.length);
    const one = await step('service get', () => cf.connectivity.directory.services.get(services[0].service_id, a));
    check('service get', one?.service_id === services[0].service_id);
  }
}

/** Events paged through {@code cursor} to the end; snapshots likewise; the single items and the latest. */
async function telemetry() {
  const c = env.CONNECTOR_ID;
  const window = { account_id: A, from: Number(env.EVENTS_FROM), to: Number(env.EVENTS_TO),
    limit: Number(env.EVENTS_LIMIT) };
  let cursor;
  let events = 0;
  let pages = 0;
  let first;
  do {
    const page = await step(`events page ${pages}`, () =>
      cf.magicTransit.connectors.events.list(c, cursor ? { ...window, cursor } : window));
    if (!page) return;
    pages++;
    events += page.items.length;
    first ??= page.items[0];
    check('events page size', page.items.length <= window.limit, `${page.items.length} items`);
    cursor = page.cursor;
  } while (cursor && pages < 10_000);
  count('events', events);
  count('event_pages', pages);
  if (first) {
    const one = await step('event get', () => cf.magicTransit.connectors.events.get(first.n,
      { account_id: A, connector_id: c, event_t: first.t }));
    check('event get', one?.e?.k === first.e?.k || one?.t === first.t, JSON.stringify(one).slice(0, 200));
  }
  const latest = await step('events latest', () => cf.magicTransit.connectors.events.latest.list(c, { account_id: A }));
  check('events latest', latest?.items?.length > 0, JSON.stringify(latest).slice(0, 200));
  let snapshots = 0;
  let snapCursor;
  let snapFirst;
  let snapPages = 0;
  do {
    const page = await step('snapshots page', () => cf.magicTransit.connectors.snapshots.list(c,
      snapCursor ? { ...window, cursor: snapCursor } : window));
    if (!page) return;
    snapPages++;
    snapshots += page.items.length;
    snapFirst ??= page.items[0];
    snapCursor = page.cursor;
  } while (snapCursor && snapPages < 10_000);
  count('snapshots', snapshots);
  if (snapFirst) {
    const one = await step('snapshot get', () => cf.magicTransit.connectors.snapshots.get(snapFirst.t,
      { account_id: A, connector_id: c }));
    check('snapshot get', one?.t === snapFirst.t, JSON.stringify(one).slice(0, 200));
  }
  const snapLatest = await step('snapshots latest', () =>
    cf.magicTransit.connectors.snapshots.latest.list(c, { account_id: A }));
  check('snapshots latest', snapLatest?.items?.length > 0);
}

// ---- write round trips: create, update (and read back), delete ----

async function gone(what, fn) {
  await refused(`${what} gone after delete`, 404, fn);
}

async function writeRoundTrips() {
  const a = { account_id: A };
  const mt = cf.magicTransit;
  const gre = await step('gre create', () => mt.greTunnels.create({ ...a, cloudflare_gre_endpoint: '203.0.113.1',
    customer_gre_endpoint: '203.0.113.77', interface_address: '192.0.2.0/31', name: 'SDK_GRE' }));
  if (gre?.id) {
    await step('gre update', () => mt.greTunnels.update(gre.id, { ...a, cloudflare_gre_endpoint: '203.0.113.1',
      customer_gre_endpoint: '203.0.113.77', interface_address: '192.0.2.0/31', name: 'SDK_GRE', mtu: 1400 }));
    check('gre updated', (await step('gre read back', () => mt.greTunnels.get(gre.id, a)))?.gre_tunnel?.mtu === 1400);
    await step('gre delete', () => mt.greTunnels.delete(gre.id, a));
    await gone('gre', () => mt.greTunnels.get(gre.id, a));
  } else fail('gre create', JSON.stringify(gre));

  const ipsec = await step('ipsec create', () => mt.ipsecTunnels.create({ ...a, cloudflare_endpoint: '203.0.113.1',
    interface_address: '10.212.0.8/31', name: 'SDK_IPsec', psk: 'O3bwKSjnaoCxDoUxjcq4Rk8ZKkezQUiy' }));
  if (ipsec?.id) {
    await step('ipsec update', () => mt.ipsecTunnels.update(ipsec.id, { ...a, cloudflare_endpoint: '203.0.113.1',
      interface_address: '10.212.0.8/31', name: 'SDK_IPsec', description: 'via the SDK' }));
    check('ipsec updated', (await step('ipsec read back', () => mt.ipsecTunnels.get(ipsec.id, a)))
      ?.ipsec_tunnel?.description === 'via the SDK');
    const psk = await step('ipsec psk generate', () => mt.ipsecTunnels.pskGenerate(ipsec.id, { ...a, body: {} }));
    check('ipsec psk generate', typeof psk?.psk === 'string' && psk.psk.length > 0);
    await step('ipsec delete', () => mt.ipsecTunnels.delete(ipsec.id, a));
    await gone('ipsec', () => mt.ipsecTunnels.get(ipsec.id, a));
  } else fail('ipsec create', JSON.stringify(ipsec));

  const route = await step('route create', () => mt.routes.create({ ...a, nexthop: '203.0.113.1',
    prefix: '192.0.2.0/24', priority: 100, description: 'via the SDK' }));
  const routeId = route?.id ?? route?.routes?.[0]?.id;
  if (routeId) {
    await step('route update', () => mt.routes.update(routeId, { ...a, nexthop: '203.0.113.2', prefix: '192.0.2.0/24',
      priority: 101 }));
    check('route updated', (await step('route read back', () => mt.routes.get(routeId, a)))?.route?.priority === 101);
    await step('route delete', () => mt.routes.delete(routeId, a));
    await gone('route', () => mt.routes.get(routeId, a));
  } else fail('route create', JSON.stringify(route));

  const site = await step('site create', () => mt.sites.create({ ...a, name: 'sdk-site', description: 'via the SDK' }));
  if (site?.id) {
    const s = { account_id: A, site_id: site.id };
    const lans = await step('lan create', () => all(mt.sites.lans.create(site.id, { ...a, physport: 2, vlan_tag: 42,
      name: 'sdk-lan', static_addressing: { address: '192.168.10.1/24' } })));
    const lan = lans?.[0];
    if (check('lan create', lan?.id, JSON.stringify(lans))) {
      await step('lan update', () => mt.sites.lans.update(lan.id, { ...s, name: 'sdk-lan-2' }));
      check('lan updated', (await step('lan read back', () => mt.sites.lans.get(lan.id, s)))?.name === 'sdk-lan-2');
    }
    const wans = await step('wan create', () => all(mt.sites.wans.create(site.id, { ...a, physport: 1, name: 'sdk-wan' })));
    const wan = wans?.[0];
    if (check('wan create', wan?.id, JSON.stringify(wans))) {
      await step('wan update', () => mt.sites.wans.update(wan.id, { ...s, name: 'sdk-wan-2', priority: 1 }));
      check('wan updated', (await step('wan read back', () => mt.sites.wans.get(wan.id, s)))?.name === 'sdk-wan-2');
    }
    await step('site update', () => mt.sites.update(site.id, { ...a, description: 'changed' }));
    check('site updated', (await step('site read back', () => mt.sites.get(site.id, a)))?.description === 'changed');
    if (lan?.id) {
      await step('lan delete', () => mt.sites.lans.delete(lan.id, s));
      await gone('lan', () => mt.sites.lans.get(lan.id, s));
    }
    if (wan?.id) {
      await step('wan delete', () => mt.sites.wans.delete(wan.id, s));
      await gone('wan', () => mt.sites.wans.get(wan.id, s));
    }
    await step('site delete', () => mt.sites.delete(site.id, a));
    await gone('site', () => mt.sites.get(site.id, a));
  } else fail('site create', JSON.stringify(site));

  const app = await step('app create', () => mt.apps.create({ ...a, name: 'sdk-app', type: 'Development',
    hostnames: ['sdk.example.com'] }));
  const appId = app?.account_app_id ?? app?.id;
  if (appId) {
    await step('app update', () => mt.apps.update(appId, { ...a, name: 'sdk-app-2' }));
    const listed = await step('app read back', () => all(mt.apps.list(a)));
    check('app updated', listed?.some((x) => (x.account_app_id ?? x.id) === appId && x.name === 'sdk-app-2'));
    await step('app delete', () => mt.apps.delete(appId, a));
    const after = await step('app list after delete', () => all(mt.apps.list(a)));
    check('app deleted', after && !after.some((x) => (x.account_app_id ?? x.id) === appId));
  } else fail('app create', JSON.stringify(app));

  const pcap = await step('pcap create', () => mt.pcaps.create({ ...a, system: 'magic-transit', type: 'simple',
    time_limit: 300, packet_limit: 10000 }));
  if (check('pcap create', pcap?.id, JSON.stringify(pcap))) {
    check('pcap read back', (await step('pcap read back', () => mt.pcaps.get(pcap.id, a)))?.id === pcap.id);
  }
  const full = await step('pcap create full', () => mt.pcaps.create({ ...a, system: 'magic-transit', type: 'full',
    time_limit: 300, colo_name: 'ord02', destination_conf: 's3://sdk-bucket?region=us-east-1' }));
  if (check('pcap create full', full?.id, JSON.stringify(full))) {
    await step('pcap stop', () => mt.pcaps.stop(full.id, a));
  }

  const svc = await step('service create', () => cf.connectivity.directory.services.create({ ...a, name: 'sdk-web',
    type: 'http', http_port: 8080, host: { ipv4: '10.0.0.1', network: { tunnel_id: '0191dce4-9ab4-7fce-b660-8e5dec5172da' } } }));
  if (svc?.service_id) {
    await step('service update', () => cf.connectivity.directory.services.update(svc.service_id, { ...a, name: 'sdk-web-2',
      type: 'http', http_port: 8081, host: { ipv4: '10.0.0.1', network: { tunnel_id: '0191dce4-9ab4-7fce-b660-8e5dec5172da' } } }));
    check('service updated', (await step('service read back', () =>
      cf.connectivity.directory.services.get(svc.service_id, a)))?.name === 'sdk-web-2');
    await step('service delete', () => cf.connectivity.directory.services.delete(svc.service_id, a));
    await gone('service', () => cf.connectivity.directory.services.get(svc.service_id, a));
  } else fail('service create', JSON.stringify(svc));
}

/**
 * Read-modify-write, as a user does it: GET an object, change a field, PUT the whole answer back
 * (ids, timestamps, live state and all). Against the admin API the answer's messages may say what
 * was dropped or is undocumented, but never that a field the resource returns is unknown to it.
 */
async function sendBack(what, promise) {
  const raw = await step(what, () => promise.asResponse());
  if (!raw) return undefined;
  const body = await raw.json();
  check(what, raw.status === 200 && body.success === true, `${raw.status} ${JSON.stringify(body).slice(0, 400)}`);
  for (const m of body.messages ?? []) {
    check(`${what}: every returned field is known`, !String(m.message).includes('not a field'), JSON.stringify(m));
  }
  return body.result;
}

async function readModifyWrite() {
  const a = { account_id: A };
  const mt = cf.magicTransit;
  const gre = (await step('rmw gre list', () => mt.greTunnels.list(a)))?.gre_tunnels?.[0];
  if (check('rmw gre', gre?.id, 'no GRE tunnel to edit')) {
    const got = (await step('rmw gre get', () => mt.greTunnels.get(gre.id, a)))?.gre_tunnel;
    await sendBack('rmw gre put', mt.greTunnels.update(gre.id, { ...got, ...a, description: 'rmw gre' }));
    check('rmw gre read back', (await step('rmw gre read back', () => mt.greTunnels.get(gre.id, a)))
      ?.gre_tunnel?.description === 'rmw gre');
  }
  const ipsec = (await step('rmw ipsec list', () => mt.ipsecTunnels.list(a)))?.ipsec_tunnels?.[0];
  if (check('rmw ipsec', ipsec?.id, 'no IPsec tunnel to edit')) {
    const got = (await step('rmw ipsec get', () => mt.ipsecTunnels.get(ipsec.id, a)))?.ipsec_tunnel;
    const flipped = !(got?.allow_null_cipher === true);
    await sendBack('rmw ipsec put', mt.ipsecTunnels.update(ipsec.id,
      { ...got, ...a, description: 'rmw ipsec', allow_null_cipher: flipped }));
    const back = (await step('rmw ipsec read back', () => mt.ipsecTunnels.get(ipsec.id, a)))?.ipsec_tunnel;
    check('rmw ipsec read back', back?.description === 'rmw ipsec', JSON.stringify(back));
    check('allow_null_cipher set', back?.allow_null_cipher === flipped, JSON.stringify(back));
  }
  const cni = (await step('rmw interconnect list', () => mt.cfInterconnects.list(a)))?.interconnects?.[0];
  if (check('rmw interconnect', cni?.id, 'no interconnect to edit')) {
    const got = (await step('rmw interconnect get', () => mt.cfInterconnects.get(cni.id, a)))?.interconnect;
    await sendBack('rmw interconnect put', mt.cfInterconnects.update(cni.id,
      { ...got, ...a, description: 'rmw interconnect' }));
    check('rmw interconnect read back', (await step('rmw interconnect read back', () =>
      mt.cfInterconnects.get(cni.id, a)))?.interconnect?.description === 'rmw interconnect');
  }
  // Bulk updates: the reference's body is unknown, its example {}; interconnects go as "interconnects".
  await step('gre bulk update {}', () => mt.greTunnels.bulkUpdate({ ...a, body: {} }));
  await step('ipsec bulk update {}', () => mt.ipsecTunnels.bulkUpdate({ ...a, body: {} }));
  await step('interconnect bulk update {}', () => mt.cfInterconnects.bulkUpdate({ ...a, body: {} }));
  if (cni?.id) {
    const bulk = await step('interconnect bulk update', () => mt.cfInterconnects.bulkUpdate({ ...a,
      body: { interconnects: [{ id: cni.id, description: 'bulk interconnect' }] } }));
    check('interconnect bulk update', bulk?.modified_interconnects?.length === 1, JSON.stringify(bulk));
    check('interconnect bulk read back', (await step('interconnect bulk read back', () =>
      mt.cfInterconnects.get(cni.id, a)))?.interconnect?.description === 'bulk interconnect');
  }
  if (gre?.id) {
    const bulk = await step('gre bulk update', () => mt.greTunnels.bulkUpdate({ ...a,
      body: { gre_tunnels: [{ id: gre.id, description: 'bulk gre' }] } }));
    check('gre bulk update', bulk?.modified_gre_tunnels?.length === 1, JSON.stringify(bulk));
    check('gre bulk read back', (await step('gre bulk read back', () => mt.greTunnels.get(gre.id, a)))
      ?.gre_tunnel?.description === 'bulk gre');
  }
  count('read_modify_writes', 3);
}

/** A site's ACL and a capture bucket's ownership: create, (update or validate), delete. */
async function moreRoundTrips() {
  const a = { account_id: A };
  const mt = cf.magicTransit;
  const site = await step('acl site create', () => mt.sites.create({ ...a, name: 'sdk-acl-site' }));
  if (check('acl site create', site?.id, JSON.stringify(site))) {
    const s = { account_id: A, site_id: site.id };
    const acl = await step('acl create', () => mt.sites.acls.create(site.id, { ...a, name: 'sdk-acl',
      lan_1: { lan_id: 'lan-a', subnets: ['192.168.1.1'] }, lan_2: { lan_id: 'lan-b', ports: [443] },
      protocols: ['tcp'] }));
    if (check('acl create', acl?.id, JSON.stringify(acl))) {
      await step('acl update', () => mt.sites.acls.update(acl.id, { ...s, description: 'via the SDK' }));
      check('acl updated', (await step('acl read back', () => mt.sites.acls.get(acl.id, s)))?.description
        === 'via the SDK');
      await step('acl delete', () => mt.sites.acls.delete(acl.id, s));
      await gone('acl', () => mt.sites.acls.get(acl.id, s));
    }
    await step('acl site delete', () => mt.sites.delete(site.id, a));
  }
  const bucket = `s3://sdk-owned-${Date.now()}?region=us-east-1`;
  const owned = await step('ownership create', () => mt.pcaps.ownership.create({ ...a, destination_conf: bucket }));
  if (check('ownership create', owned?.id && owned?.filename, JSON.stringify(owned))) {
    const valid = await step('ownership validate', () => mt.pcaps.ownership.validate({ ...a,
      destination_conf: bucket, ownership_challenge: owned.filename }));
    check('ownership validate', valid?.destination_conf === bucket, JSON.stringify(valid));
    await step('ownership delete', () => mt.pcaps.ownership.delete(owned.id, a));
    const after = await step('ownership list after delete', () => all(mt.pcaps.ownership.get(a)));
    check('ownership deleted', after && !after.some((o) => o.id === owned.id));
  }
  count('more_round_trips', 2);
}

// ---- tokens ----

async function tokens() {
  const a = { account_id: A };
  const wrong = client('not-the-token-9f2c');
  await refused('wrong token, read', Number(env.WRONG_STATUS), () => wrong.magicTransit.greTunnels.list(a));
  await refused('wrong token, write', Number(env.WRONG_STATUS), () => wrong.magicTransit.sites.create({ ...a, name: 'x' }));
  if (!env.READ_TOKEN) return;
  const ro = client(env.READ_TOKEN);
  await step('read-only token reads', () => ro.magicTransit.greTunnels.list(a));
  await refused('read-only token, SDK create', 403, () => ro.magicTransit.sites.create({ ...a, name: 'x' }));
  // Every write route of the admin API, each with a plausible body.
  let writes = 0;
  for (const r of JSON.parse(readFileSync(env.REQUESTS, 'utf8'))) {
    await refused(`read-only token, ${r.method} ${r.path}`, 403, () => send(ro, r));
    writes++;
  }
  count('read_only_refused_writes', writes);
}

function send(c, r) {
  const opts = r.body === undefined || r.body === null ? {} : { body: r.body };
  switch (r.method) {
    case 'POST': return c.post(r.path, opts);
    case 'PUT': return c.put(r.path, opts);
    case 'PATCH': return c.patch(r.path, opts);
    case 'DELETE': return c.delete(r.path, opts);
    default: return c.get(r.path, opts);
  }
}

// ---- the reference's own example bodies ----

async function replay() {
  let sent = 0;
  for (const r of JSON.parse(readFileSync(env.REQUESTS, 'utf8'))) {
    sent++;
    if (r.expect === 200) {
      await step(`example ${r.method} ${r.path} ${JSON.stringify(r.body)}`, () => send(cf, r));
    } else {
      await refused(`example ${r.method} ${r.path} (${r.why})`, r.expect, () => send(cf, r));
    }
  }
  count('examples', sent);
}

if (env.MODE === 'replay') {
  await replay();
} else {
  await readEverything();
  await writeRoundTrips();
  await readModifyWrite();
  await moreRoundTrips();
  await tokens();
}
process.stdout.write(JSON.stringify(report) + '\n');
process.exitCode = report.failures.length === 0 ? 0 : 1;
