package chipmix.scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Devices of one pool over time: arrivals (devices online from a date on) and reservations
 * (devices held by a workload over {@code [from, to)}). Days are the unit; free capacity only
 * changes at arrival and reservation boundaries.
 */
final class Ledger {
  private final String poolId;
  private final List<Arrival> arrivals = new ArrayList<>();
  private final List<Reservation> reservations = new ArrayList<>();

  record Arrival(LocalDate date, int count) {}

  record Reservation(LocalDate from, LocalDate to, int count, String holder) {}

  Ledger(String poolId) {
    this.poolId = poolId;
  }

  String poolId() {
    return poolId;
  }

  void arrive(LocalDate date, int count) {
    if (count > 0) {
      arrivals.add(new Arrival(date, count));
    }
  }

  void reserve(LocalDate from, LocalDate to, int count, String holder) {
    if (count <= 0 || !from.isBefore(to)) {
      return;
    }
    int free = minFree(from, to);
    if (count > free) {
      throw new IllegalStateException("pool " + poolId + " has " + free + " free devices over " + from + ".." + to
          + ", cannot reserve " + count + " for " + holder + "\nMaybe the planner reserved without checking minFree first.");
    }
    reservations.add(new Reservation(from, to, count, holder));
  }

  int online(LocalDate day) {
    int n = 0;
    for (Arrival a : arrivals) {
      if (!a.date().isAfter(day)) {
        n += a.count();
      }
    }
    return n;
  }

  int reserved(LocalDate day) {
    int n = 0;
    for (Reservation r : reservations) {
      if (!r.from().isAfter(day) && r.to().isAfter(day)) {
        n += r.count();
      }
    }
    return n;
  }

  int free(LocalDate day) {
    return online(day) - reserved(day);
  }

  /** The fewest free devices on any day of {@code [from, to)}. */
  int minFree(LocalDate from, LocalDate to) {
    int min = free(from);
    for (LocalDate d : changePoints().subSet(from, false, to, false)) {
      min = Math.min(min, free(d));
    }
    return min;
  }

  /** Days on which free capacity may change. */
  NavigableSet<LocalDate> changePoints() {
    TreeSet<LocalDate> out = new TreeSet<>();
    arrivals.forEach(a -> out.add(a.date()));
    reservations.forEach(r -> {
      out.add(r.from());
      out.add(r.to());
    });
    return out;
  }
}
