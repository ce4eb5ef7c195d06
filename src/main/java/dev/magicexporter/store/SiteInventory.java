package dev.magicexporter.store;

import dev.magicexporter.model.AppConfig;
import dev.magicexporter.model.Site;
import dev.magicexporter.model.SiteAcl;
import dev.magicexporter.model.SiteLan;
import dev.magicexporter.model.SiteWan;
import java.time.Instant;
import java.util.List;

/**
 * An account's sites with what hangs off each (LANs, WANs, ACLs, app configs), as last fetched.
 * Children are refreshed for a few sites per cycle to spare the request budget, so each site
 * carries when its children were last fetched; a null child list means "not fetched yet".
 */
public record SiteInventory(List<SiteState> sites) {
  public SiteInventory {
    sites = List.copyOf(sites);
  }

  public static final SiteInventory EMPTY = new SiteInventory(List.of());

  /** One site and its children. */
  public record SiteState(
      Site site, List<SiteLan> lans, List<SiteWan> wans, List<SiteAcl> acls, List<AppConfig> appConfigs,
      Instant childrenFetchedAt) {

    public SiteState {
      lans = lans == null ? null : List.copyOf(lans);
      wans = wans == null ? null : List.copyOf(wans);
      acls = acls == null ? null : List.copyOf(acls);
      appConfigs = appConfigs == null ? null : List.copyOf(appConfigs);
    }

    public SiteState withSite(Site s) {
      return new SiteState(s, lans, wans, acls, appConfigs, childrenFetchedAt);
    }
  }

  /** The site with this id, or null. */
  public SiteState find(String siteId) {
    for (SiteState s : sites) {
      if (s.site().id() != null && s.site().id().equals(siteId)) {
        return s;
      }
    }
    return null;
  }
}
