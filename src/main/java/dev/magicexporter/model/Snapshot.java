package dev.magicexporter.model;

import java.util.Arrays;
import java.util.List;

/**
 * One connector telemetry snapshot ({@code snapshots/latest} item or {@code snapshots/{t}}),
 * immutable and compact: the top-level numbers live in one {@code double[]} indexed by
 * {@link SnapshotNumber}, NaN meaning "absent from the response" (never a fake 0); booleans are
 * stored there as 1 or 0. Strings and array elements are kept as small records. Unknown fields
 * of the API are not kept.
 */
public final class Snapshot {
  private final double[] numbers;
  private final String version;
  private final String platform;
  private final String haState;
  private final List<Bond> bonds;
  private final List<DhcpLease> dhcpLeases;
  private final List<Disk> disks;
  private final List<NetInterface> interfaces;
  private final List<Mount> mounts;
  private final List<Netdev> netdevs;
  private final List<Thermal> thermals;
  private final List<TunnelHealth> tunnels;

  private Snapshot(Builder b) {
    this.numbers = b.numbers;
    this.version = b.version;
    this.platform = b.platform;
    this.haState = b.haState;
    this.bonds = List.copyOf(b.bonds);
    this.dhcpLeases = byInterface(b.dhcpLeases);
    this.disks = List.copyOf(b.disks);
    this.interfaces = List.copyOf(b.interfaces);
    this.mounts = List.copyOf(b.mounts);
    this.netdevs = List.copyOf(b.netdevs);
    this.thermals = List.copyOf(b.thermals);
    this.tunnels = List.copyOf(b.tunnels);
  }

  public static Builder builder() {
    return new Builder();
  }

  private static final java.util.Comparator<DhcpLease> BY_INTERFACE =
      java.util.Comparator.comparing(DhcpLease::interfaceName, java.util.Comparator.nullsFirst(String::compareTo));

  private static List<DhcpLease> byInterface(List<DhcpLease> leases) {
    for (int i = 1; i < leases.size(); i++) {
      if (BY_INTERFACE.compare(leases.get(i - 1), leases.get(i)) > 0) {
        List<DhcpLease> sorted = new java.util.ArrayList<>(leases);
        sorted.sort(BY_INTERFACE);
        return List.copyOf(sorted);
      }
    }
    return List.copyOf(leases);
  }

  /** The value of a top-level number, NaN when the response did not carry it. */
  public double get(SnapshotNumber f) {
    return numbers[f.ordinal()];
  }

  public boolean has(SnapshotNumber f) {
    return !Double.isNaN(numbers[f.ordinal()]);
  }

  /** Time the snapshot was recorded (seconds since the epoch). */
  public double t() {
    return numbers[SnapshotNumber.T.ordinal()];
  }

  /** {@code v}: the connector software version, or null. */
  public String version() {
    return version;
  }

  public String platform() {
    return platform;
  }

  public String haState() {
    return haState;
  }

  public List<Bond> bonds() {
    return bonds;
  }

  /**
   * DHCP leases, grouped by interface name (so that counting per interface needs no map). Host
   * names and MAC addresses are personal data; export with care.
   */
  public List<DhcpLease> dhcpLeases() {
    return dhcpLeases;
  }

  public List<Disk> disks() {
    return disks;
  }

  public List<NetInterface> interfaces() {
    return interfaces;
  }

  public List<Mount> mounts() {
    return mounts;
  }

  public List<Netdev> netdevs() {
    return netdevs;
  }

  public List<Thermal> thermals() {
    return thermals;
  }

  public List<TunnelHealth> tunnels() {
    return tunnels;
  }

  @Override
  public String toString() {
    return "Snapshot[t=" + (Double.isNaN(t()) ? "absent" : Long.toString((long) t())) + ", v=" + version + ", disks=" + disks.size()
        + ", netdevs=" + netdevs.size() + ", tunnels=" + tunnels.size() + "]";
  }

  /** {@code bonds[]}: a bonded interface and its status. */
  public record Bond(String name, String status) {}

  /** {@code dhcp_leases[]}; {@code expiryTime} in seconds since the epoch, NaN if absent. */
  public record DhcpLease(
      String clientId, double expiryTime, String hostname, String interfaceName, String ipAddress, String macAddress) {
    @Override
    public String toString() {
      return "DhcpLease[interface=" + interfaceName + "]";
    }
  }

  /** {@code disks[]}: one block device, numbers by {@link DiskNumber}. */
  public static final class Disk {
    private final String name;
    private final double[] numbers;

    public Disk(String name, double[] numbers) {
      if (numbers.length != DiskNumber.values().length) {
        throw new IllegalArgumentException("disk numbers must have one slot per DiskNumber");
      }
      this.name = name;
      this.numbers = numbers.clone();
    }

    public String name() {
      return name;
    }

    public double get(DiskNumber f) {
      return numbers[f.ordinal()];
    }

    @Override
    public String toString() {
      return "Disk[" + name + ", " + Arrays.toString(numbers) + "]";
    }
  }

  /** {@code interfaces[]}: speed in bits per second, NaN if absent. */
  public record NetInterface(String name, String operstate, double speed, List<IpAddress> ipAddresses) {
    public NetInterface {
      ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
    }
  }

  /** {@code interfaces[].ip_addresses[]}. */
  public record IpAddress(String interfaceName, String ipAddress) {}

  /** {@code mounts[]}: sizes in bytes (NaN if absent), flags null if absent. */
  public record Mount(
      String fileSystem, String kind, String mountPoint, String name,
      double availableBytes, double totalBytes, Boolean readOnly, Boolean removable) {}

  /** {@code netdevs[]}: one network device, numbers by {@link NetdevNumber}. */
  public static final class Netdev {
    private final String name;
    private final double[] numbers;

    public Netdev(String name, double[] numbers) {
      if (numbers.length != NetdevNumber.values().length) {
        throw new IllegalArgumentException("netdev numbers must have one slot per NetdevNumber");
      }
      this.name = name;
      this.numbers = numbers.clone();
    }

    public String name() {
      return name;
    }

    public double get(NetdevNumber f) {
      return numbers[f.ordinal()];
    }

    @Override
    public String toString() {
      return "Netdev[" + name + ", " + Arrays.toString(numbers) + "]";
    }
  }

  /** {@code thermals[]}: temperatures in degrees Celsius, NaN if absent. */
  public record Thermal(String label, double criticalCelsius, double currentCelsius, double maxCelsius) {}

  /** {@code tunnels[]}: a tunnel's health as seen by the connector. */
  public record TunnelHealth(
      String tunnelId, String interfaceName, String healthState, double healthValue,
      double probedMtu, double recentHealthyPings, double recentUnhealthyPings) {}

  /** Collects the fields of one snapshot; not thread-safe, and good for one {@link #build()}. */
  public static final class Builder {
    private double[] numbers = new double[SnapshotNumber.values().length];
    private String version;
    private String platform;
    private String haState;
    private List<Bond> bonds = List.of();
    private List<DhcpLease> dhcpLeases = List.of();
    private List<Disk> disks = List.of();
    private List<NetInterface> interfaces = List.of();
    private List<Mount> mounts = List.of();
    private List<Netdev> netdevs = List.of();
    private List<Thermal> thermals = List.of();
    private List<TunnelHealth> tunnels = List.of();

    private Builder() {
      Arrays.fill(numbers, Double.NaN);
    }

    public Builder set(SnapshotNumber f, double v) {
      built();
      numbers[f.ordinal()] = v;
      return this;
    }

    private void built() {
      if (numbers == null) {
        throw new IllegalStateException("this builder already built its snapshot");
      }
    }

    public Builder version(String v) {
      this.version = v;
      return this;
    }

    public Builder platform(String v) {
      this.platform = v;
      return this;
    }

    public Builder haState(String v) {
      this.haState = v;
      return this;
    }

    public Builder bonds(List<Bond> v) {
      this.bonds = v;
      return this;
    }

    public Builder dhcpLeases(List<DhcpLease> v) {
      this.dhcpLeases = v;
      return this;
    }

    public Builder disks(List<Disk> v) {
      this.disks = v;
      return this;
    }

    public Builder interfaces(List<NetInterface> v) {
      this.interfaces = v;
      return this;
    }

    public Builder mounts(List<Mount> v) {
      this.mounts = v;
      return this;
    }

    public Builder netdevs(List<Netdev> v) {
      this.netdevs = v;
      return this;
    }

    public Builder thermals(List<Thermal> v) {
      this.thermals = v;
      return this;
    }

    public Builder tunnels(List<TunnelHealth> v) {
      this.tunnels = v;
      return this;
    }

    /** The snapshot; the builder hands its number array over and cannot be used again. */
    public Snapshot build() {
      built();
      Snapshot s = new Snapshot(this);
      numbers = null;
      return s;
    }
  }
}
