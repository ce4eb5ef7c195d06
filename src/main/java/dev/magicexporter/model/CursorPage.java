package dev.magicexporter.model;

import java.util.List;

/**
 * One page of a telemetry list ({@code result: {count, items, cursor}}): the cursor lives inside
 * {@code result}, not in {@code result_info}. A null cursor means the last page.
 */
public record CursorPage<T>(List<T> items, String cursor, Integer count) {
  public CursorPage {
    items = List.copyOf(items);
  }
}
