package dev.magicexporter.model;

/**
 * The live BGP session of a tunnel. {@code state} is {@code BGP_UP}, {@code BGP_DOWN} or
 * {@code BGP_ESTABLISHING}; {@code updatedAt} (RFC 3339) is when it last changed.
 */
public record BgpStatus(
    String state,
    Boolean tcpEstablished,
    String updatedAt,
    String bgpState,
    String cfSpeakerIp,
    Integer cfSpeakerPort,
    String customerSpeakerIp,
    Integer customerSpeakerPort) {}
