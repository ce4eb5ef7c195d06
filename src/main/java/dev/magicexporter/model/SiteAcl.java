package dev.magicexporter.model;

import java.util.List;

/** A site ACL policy (the LAN and subnet details are not bound). */
public record SiteAcl(String id, String name, Boolean forwardLocally, Boolean unidirectional, List<String> protocols) {}
