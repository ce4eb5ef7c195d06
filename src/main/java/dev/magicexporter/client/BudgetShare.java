package dev.magicexporter.client;

import java.time.Duration;
import java.util.Locale;

/**
 * The part of a credential's upstream limit that one replica of this exporter plans to spend.
 * Cloudflare's 1,200 requests per 5 minutes belong to the user or token, shared with the
 * dashboard, Terraform and every other tool of that user, so by default the exporter plans for
 * half of it; replicas sharing the credential split that plan between them.
 *
 * <pre>
 * planned  = max(1, floor(upstream * share * replicaShare))      e.g. 1200 * 0.5 * 1/4 = 150
 * reserved = round(planned * adminShare)                         kept for the admin API
 * </pre>
 *
 * @param upstream the credential's limit per window ({@code cloudflare.budget_requests})
 * @param window the limit's window ({@code cloudflare.budget_window})
 * @param share part of the limit the exporter plans to use ({@code cloudflare.budget_share}), in (0, 1]
 * @param replicaShare this replica's part of that ({@code cloudflare.shard_budget_share}, by default
 *     1 / total_shards), in (0, 1]
 * @param replicas replicas sharing the connectors ({@code total_shards}), for the log line
 * @param adminShare part of the replica's plan reserved for the admin API, in [0, 1)
 * @param maxInFlight most poller requests of the credential in flight at once
 */
public record BudgetShare(int upstream, Duration window, double share, double replicaShare, int replicas,
    double adminShare, int maxInFlight) {

  public BudgetShare {
    if (upstream < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("budget needs at least 1 request per positive window, got "
          + upstream + " per " + window);
    }
    if (!(share > 0 && share <= 1) || !(replicaShare > 0 && replicaShare <= 1)) {
      throw new IllegalArgumentException("budget shares must be in (0, 1], got " + share + " and " + replicaShare);
    }
    if (replicas < 1 || maxInFlight < 1 || !(adminShare >= 0 && adminShare < 1)) {
      throw new IllegalArgumentException("need at least 1 replica and 1 request in flight and an admin share in "
          + "[0, 1), got " + replicas + ", " + maxInFlight + ", " + adminShare);
    }
  }

  /**
   * The default split: {@code replicaShare} 0 (unset) means an equal part per replica.
   */
  public static BudgetShare of(int upstream, Duration window, double share, double replicaShare, int replicas,
      double adminShare, int maxInFlight) {
    double r = replicaShare > 0 ? replicaShare : 1.0 / replicas;
    return new BudgetShare(upstream, window, share, r, replicas, adminShare, maxInFlight);
  }

  /** Requests per window this replica plans to start with the credential, admin reserve included. */
  public int planned() {
    return (int) Math.max(1, Math.floor(upstream * share * replicaShare + 1e-9));
  }

  /** Of {@link #planned()}, the requests reserved for the admin API (as {@link RequestBudget} rounds them). */
  public int reserved() {
    int p = planned();
    return (int) Math.min(p - 1, Math.round(p * adminShare));
  }

  /** The start-up log line for {@code credentialId} (a safe id, never the secret). */
  public String describe(String credentialId) {
    return String.format(Locale.ROOT, "request budget of credential %s: planning %d of its %d requests per %ds "
            + "(%s of the limit%s), %d of them reserved for the admin API, at most %d poller requests in flight; "
            + "after a 429 the plan is halved and recovers by a tenth per window",
        credentialId, planned(), upstream, window.toSeconds(), percent(share),
        replicas > 1 || replicaShare < 1 ? ", " + percent(replicaShare) + " of that for this replica of "
            + replicas : "",
        reserved(), maxInFlight);
  }

  private static String percent(double d) {
    double p = d * 100;
    return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
  }
}
