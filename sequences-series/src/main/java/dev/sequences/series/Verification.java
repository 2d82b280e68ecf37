package dev.sequences.series;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads one counter's ledger records, in the order of their entries, and builds the {@link
 * SeriesReport}. Needs nothing but the records and the counter's last value: no series definition.
 * Keeps 12 bytes per issued number (the number and its date), not the records.
 */
final class Verification {

  private final String series;
  private final String scope;
  private final String period;
  private final String counter;
  private final List<String> findings = new ArrayList<>();

  private long records;
  private long expectedEntry = 1;
  private long[] numbers = new long[64];
  private int[] dates = new int[64];
  private int issued;
  private final Map<Long, SeriesReport.VoidedNumber> voided = new HashMap<>();
  private final List<SeriesReport.VoidedNumber> voidedInOrder = new ArrayList<>();
  private OptionalLong startedAfter = OptionalLong.empty();

  private boolean chained;
  private boolean chainStarted;
  private @Nullable String previousHash;
  private long previousEntry;
  private SeriesReport.@Nullable BrokenLink broken;

  Verification(String series, String scope, String period, String counter) {
    this.series = series;
    this.scope = scope;
    this.period = period;
    this.counter = counter;
  }

  /** Takes the next record, in the order of entries. */
  void accept(LedgerRecord record) {
    records++;
    if (record.entry() > expectedEntry) {
      findings.add(
          "records missing: entries "
              + range(expectedEntry, record.entry() - 1)
              + " are not in the ledger (deleted?)");
    }
    expectedEntry = record.entry() + 1;
    if (!CounterNames.of(record.series(), record.scope(), record.period()).equals(counter)) {
      findings.add(
          "entry "
              + record.entry()
              + ": its series, scope and period ('"
              + record.series()
              + "', '"
              + record.scope()
              + "', '"
              + record.period()
              + "') are not those of its counter");
    }
    checkLink(record);
    if (record.kind() == null) {
      findings.add("entry " + record.entry() + " is of an unknown kind");
      return;
    }
    switch (record.kind()) {
      case ISSUE -> {
        if (issued == numbers.length) {
          numbers = Arrays.copyOf(numbers, issued * 2);
          dates = Arrays.copyOf(dates, issued * 2);
        }
        numbers[issued] = record.number();
        dates[issued] = (int) record.documentDate().toEpochDay();
        issued++;
      }
      case VOID -> {
        SeriesReport.VoidedNumber v =
            new SeriesReport.VoidedNumber(
                record.number(), record.text(), record.reason(), record.recordedAt());
        if (voided.putIfAbsent(record.number(), v) != null) {
          findings.add("number " + record.number() + " is voided twice");
        } else {
          voidedInOrder.add(v);
        }
      }
      case START -> {
        if (startedAfter.isPresent() || record.entry() != 1) {
          findings.add("entry " + record.entry() + " starts the counter again");
        }
        startedAfter = OptionalLong.of(record.number());
      }
    }
  }

  /** Checks the hash chain at {@code record}, and remembers the first place it breaks. */
  private void checkLink(LedgerRecord record) {
    String hash = record.hash();
    String problem = null;
    if (hash != null) {
      chained = true;
      String linked = emptyToNull(record.previousHash());
      if (!hash.equals(record.computeHash())) {
        problem = "its hash does not match its contents (edited)";
      } else if (!Objects.equals(linked, previousHash)) {
        problem =
            previousEntry == 0
                ? "it links to a record before it, and there is none (deleted?)"
                : "it does not link to the record before it, entry "
                    + previousEntry
                    + " (deleted, added or moved records?)";
      }
      chainStarted = true;
    } else if (chainStarted) {
      problem = "it has no hash, though the records before it are chained";
    }
    if (problem != null && broken == null) {
      broken = new SeriesReport.BrokenLink(record.entry(), record.number(), problem);
    }
    previousHash = hash;
    previousEntry = record.entry();
  }

  /** The report, given the counter's last value (null if there is no counter). */
  SeriesReport report(@Nullable Long counterLast) {
    Integer[] order = IntStream.range(0, issued).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingLong(i -> numbers[i]));
    List<SeriesReport.Gap> gaps = new ArrayList<>();
    List<SeriesReport.DateOutOfOrder> outOfOrder = new ArrayList<>();
    long highestDateNumber = 0;
    int highestDate = Integer.MIN_VALUE;
    long previous = startedAfter.isPresent() ? startedAfter.getAsLong() : Long.MIN_VALUE;
    for (Integer i : order) {
      long number = numbers[i];
      if (previous != Long.MIN_VALUE) {
        if (number == previous) {
          findings.add("number " + number + " is issued twice");
        } else if (number > previous + 1) {
          gaps.add(new SeriesReport.Gap(previous + 1, number - 1));
        }
      }
      previous = number;
      if (dates[i] < highestDate) {
        outOfOrder.add(
            new SeriesReport.DateOutOfOrder(
                number,
                LocalDate.ofEpochDay(dates[i]),
                highestDateNumber,
                LocalDate.ofEpochDay(highestDate)));
      } else {
        highestDate = dates[i];
        highestDateNumber = number;
      }
    }
    OptionalLong first = issued == 0 ? OptionalLong.empty() : OptionalLong.of(numbers[order[0]]);
    OptionalLong last =
        issued == 0 ? OptionalLong.empty() : OptionalLong.of(numbers[order[issued - 1]]);
    for (SeriesReport.Gap gap : gaps) {
      findings.add(
          "gap: "
              + gap
              + " ("
              + gap.size()
              + (gap.size() == 1 ? " number" : " numbers")
              + ") neither issued nor voided in the ledger");
    }
    for (SeriesReport.DateOutOfOrder d : outOfOrder) {
      findings.add(
          "date out of order: "
              + d.number()
              + " is dated "
              + d.documentDate()
              + ", after "
              + d.earlierNumber()
              + " dated "
              + d.earlierNumberDate());
    }
    java.util.Set<Long> issuedNumbers = new java.util.HashSet<>();
    for (int i = 0; i < issued; i++) {
      issuedNumbers.add(numbers[i]);
    }
    for (SeriesReport.VoidedNumber v : voidedInOrder) {
      if (!issuedNumbers.contains(v.number())) {
        findings.add("number " + v.number() + " is voided but was never issued");
      }
    }
    OptionalLong highest =
        last.isPresent() ? last : startedAfter.isPresent() ? startedAfter : OptionalLong.empty();
    if (counterLast == null) {
      if (records > 0) {
        findings.add("the counter does not exist, though the ledger has records (deleted?)");
      }
    } else if (highest.isEmpty()) {
      findings.add("the counter is at " + counterLast + ", but the ledger records no number");
    } else if (counterLast > highest.getAsLong()) {
      findings.add(
          "the counter is at "
              + counterLast
              + ", beyond the ledger's highest number "
              + highest.getAsLong()
              + ": numbers "
              + range(highest.getAsLong() + 1, counterLast)
              + " have no record (the newest records deleted?)");
    } else if (counterLast < highest.getAsLong()) {
      findings.add(
          "the counter is at "
              + counterLast
              + ", behind the ledger's highest number "
              + highest.getAsLong()
              + ": numbers "
              + range(counterLast + 1, highest.getAsLong())
              + " would be issued again");
    }
    if (broken != null) {
      findings.add(
          "chain broken at entry "
              + broken.entry()
              + " (number "
              + broken.number()
              + "): "
              + broken.problem());
    }
    return new SeriesReport(
        series,
        scope,
        period,
        counter,
        records,
        issued,
        first,
        last,
        startedAfter,
        counterLast == null ? OptionalLong.empty() : OptionalLong.of(counterLast),
        gaps,
        voidedInOrder,
        outOfOrder,
        chained,
        broken,
        findings);
  }

  private static String range(long first, long last) {
    return first == last ? Long.toString(first) : first + ".." + last;
  }

  private static @Nullable String emptyToNull(@Nullable String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
