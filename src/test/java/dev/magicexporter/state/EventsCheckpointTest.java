package dev.magicexporter.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.model.Event;
import dev.magicexporter.model.EventKinds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventsCheckpointTest {
  private static final EventsCheckpoint START = EventsCheckpoint.EMPTY.startingAt(EventKey.before(1000));

  private static Event ev(String k, double t, long n) {
    return new Event(t + 1, k, n, t);
  }

  @Test
  void countsEventsAboveTheFloorOnceAndTracksTheNewestPerKind() {
    EventsCheckpoint.PageCount pc = START.count(List.of(
        ev("Init", 1000, 0), ev("Reconcile", 1001, 0), ev("Reconcile", 1001, 1), ev("Reconcile", 1001, 1)));
    EventsCheckpoint cp = pc.next();
    assertThat(pc.counted()).isEqualTo(3);
    assertThat(pc.duplicates()).isEqualTo(1);
    assertThat(cp.total("Init")).isEqualTo(1);
    assertThat(cp.total("Reconcile")).isEqualTo(2);
    assertThat(cp.lastT()).containsEntry("Reconcile", 1001.0).containsEntry("Init", 1000.0);
    assertThat(cp.newestT()).isEqualTo(1001.0);
    assertThat(cp.floor()).isEqualTo(EventKey.before(1000));
  }

  @Test
  void eventsSharingATimestampAcrossPagesAreToldApartBySequenceNumber() {
    EventsCheckpoint cp = START.count(List.of(ev("Init", 1005, 0), ev("Reconcile", 1005, 1))).next();
    EventsCheckpoint.PageCount second = cp.count(List.of(ev("Reconcile", 1005, 1), ev("Leave", 1005, 2)));
    assertThat(second.counted()).isEqualTo(1);
    assertThat(second.duplicates()).isEqualTo(1);
    assertThat(second.next().grandTotal()).isEqualTo(3);
  }

  @Test
  void anOutOfOrderPageIsCountedBecauseTheFloorOnlyMovesWhenTheWindowIsDone() {
    // Page 1 holds later events than page 2; a floor moved to page 1's maximum would drop page 2.
    EventsCheckpoint afterPage1 = START.count(List.of(ev("Init", 1500, 0), ev("Init", 1600, 0))).next();
    assertThat(afterPage1.floor()).isEqualTo(EventKey.before(1000));
    EventsCheckpoint.PageCount page2 = afterPage1.count(List.of(ev("Leave", 1100, 0), ev("Leave", 1200, 3)));
    assertThat(page2.counted()).isEqualTo(2);
    EventsCheckpoint done = page2.next().completeWindow(2000, 60);
    assertThat(done.grandTotal()).isEqualTo(4);
    assertThat(done.floor()).isEqualTo(EventKey.before(1940));
    assertThat(done.counted()).isEmpty();
    assertThat(done.completedTo()).isEqualTo(2000.0);
  }

  @Test
  void completingAWindowKeepsTheKeysInsideTheSettleMarginSoLateReadsAreNotCountedTwice() {
    EventsCheckpoint cp = START.count(List.of(ev("Init", 1950, 0), ev("Init", 1990, 4))).next()
        .completeWindow(2000, 60);
    assertThat(cp.counted()).containsExactly(new EventKey(1950, 0), new EventKey(1990, 4));
    EventsCheckpoint.PageCount again = cp.count(List.of(ev("Init", 1950, 0), ev("Init", 1990, 4),
        ev("Leave", 1990, 5), ev("Init", 1930, 0)));
    assertThat(again.counted()).isEqualTo(1);
    assertThat(again.duplicates()).isEqualTo(2);
    assertThat(again.beforeFloor()).isEqualTo(1);
  }

  @Test
  void eventsAtOrBelowTheFloorAreIgnored() {
    EventsCheckpoint cp = new EventsCheckpoint(new EventKey(1000, 5), new java.util.TreeSet<>(), null, null,
        new java.util.TreeMap<>(), new java.util.TreeMap<>(), 1000.0);
    EventsCheckpoint.PageCount pc = cp.count(List.of(ev("Init", 999, 9), ev("Init", 1000, 5), ev("Init", 1000, 6)));
    assertThat(pc.beforeFloor()).isEqualTo(2);
    assertThat(pc.counted()).isEqualTo(1);
  }

  @Test
  void itemsWithoutTimeOrSequenceAreInvalidNotCounted() {
    EventsCheckpoint.PageCount pc = START.count(java.util.Arrays.asList(
        new Event(1.0, "Init", null, 1500.0), new Event(1.0, "Init", 1L, null), null,
        new Event(null, "Init", 1L, Double.NaN), ev("Init", 1500, 0)));
    assertThat(pc.invalid()).isEqualTo(4);
    assertThat(pc.counted()).isEqualTo(1);
  }

  @Test
  void unknownKindsAreCountedUnderTheirSanitisedNameAndBeyondTheCapUnderOther() {
    List<Event> items = new ArrayList<>();
    items.add(ev("BrandNewKind", 1001, 0));
    items.add(ev("weird kind/with:chars", 1001, 1));
    items.add(ev(null, 1001, 2));
    for (int i = 0; i < EventsCheckpoint.MAX_UNKNOWN_KINDS + 5; i++) {
      items.add(ev("Kind" + i, 1002, i));
    }
    EventsCheckpoint cp = START.count(items).next();
    assertThat(cp.total("BrandNewKind")).isEqualTo(1);
    assertThat(cp.total("weird_kind_with_chars")).isEqualTo(1);
    assertThat(cp.total(EventKinds.MISSING)).isEqualTo(1);
    assertThat(cp.grandTotal()).isEqualTo(items.size());
    long unknownLabels = cp.totals().keySet().stream()
        .filter(k -> !EventKinds.isKnown(k) && !k.equals(EventsCheckpoint.OVERFLOW)).count();
    assertThat(unknownLabels).isEqualTo(EventsCheckpoint.MAX_UNKNOWN_KINDS);
    assertThat(cp.total(EventsCheckpoint.OVERFLOW)).isEqualTo(8);
  }

  @Test
  void labelsAreBoundedAndLongKindsStayDistinct() {
    String a = "X".repeat(100) + "a";
    String b = "X".repeat(100) + "b";
    assertThat(EventKinds.label(a)).hasSize(EventKinds.MAX_LABEL_LENGTH).isNotEqualTo(EventKinds.label(b));
    assertThat(EventKinds.isSafeLabel(EventKinds.label(a))).isTrue();
    assertThat(EventKinds.label("Init")).isEqualTo("Init");
    assertThat(EventKinds.label("évènement")).isEqualTo("_v_nement");
  }
}
