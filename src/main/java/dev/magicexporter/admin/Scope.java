package dev.magicexporter.admin;

/** What an admin token may do: read (GET) or also write (everything else). */
public enum Scope {
  READ,
  WRITE;

  public boolean allows(Scope needed) {
    return this == WRITE || needed == READ;
  }
}
