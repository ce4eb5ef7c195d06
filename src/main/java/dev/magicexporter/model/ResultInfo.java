package dev.magicexporter.model;

/** The v4 envelope's {@code result_info} for page/per_page lists; absent numbers are null. */
public record ResultInfo(Integer page, Integer perPage, Integer count, Integer totalCount, Integer totalPages) {}
