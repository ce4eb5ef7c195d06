package dev.magicexporter.model;

/**
 * A tunnel's health check settings. {@code direction} is {@code unidirectional} or
 * {@code bidirectional}, {@code rate} {@code low|mid|high}, {@code type} {@code reply|request};
 * every field is optional.
 */
public record HealthCheck(
    String direction, Boolean enabled, String rate, HealthCheckTarget target, String type) {}
