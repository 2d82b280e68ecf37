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
  private final boolean declaredChained;
  private final List<String> findings = new ArrayList<>();

  private long records;
  private long voidRecords;
  private List<Ledger.RepeatedText> repeatedTexts = List.of();
  private @Nullable List<SeriesCounters.Counter> otherCounters;
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

  /**
   * @param declaredChained whether the series is declared chained: then a record without a hash is
   *     a broken link, whatever the records before it hold
   */
  Verification(
      String series, String scope, String period, String counter, boolean declaredChained) {
    this.series = series;
    this.scope = scope;
    this.period = period;
    this.counter = counter;
    this.declaredChained = declaredChained;
  }

  /** True if no record was accepted. */
  boolean empty() {
    return records == 0;
  }

  /** The numbers whose texts other periods of the scope also printed. */
  void repeatedTexts(List<Ledger.RepeatedText> repeated) {
    this.repeatedTexts = List.copyOf(repeated);
  }

  /** The counter does not exist: {@code existing} are the series' counters that do. */
  void noCounter(List<SeriesCounters.Counter> existing) {
    this.otherCounters = List.copyOf(existing);
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
        voidRecords++;
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
    } else if (declaredChained) {
      problem = "it has no hash, though the series is chained (hashes removed?)";
    }
    if (problem != null && broken == null) {
      broken = new SeriesReport.BrokenLink(record.entry(), record.number(), problem);
    }
    previousHash = hash;
    previousEntry = record.entry();
  }

  /**
   * The report, given the counter's last value and its void counter's (null where there is no
   * counter).
   */
  SeriesReport report(@Nullable Long counterLast, @Nullable Long voidsLast) {
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
    for (Ledger.RepeatedText r : repeatedTexts) {
      findings.add(
          "number "
              + r.number()
              + ": its text "
              + r.text()
              + " is also that of number "
              + r.otherNumber()
              + " in period '"
              + r.period()
              + "' of this scope");
    }
    long voidCounter = voidsLast == null ? 0 : voidsLast;
    if (records > 0 && voidCounter > voidRecords) {
      long missing = voidCounter - voidRecords;
      findings.add(
          "the void counter is at "
              + voidCounter
              + ", beyond the ledger's "
              + voidRecords(voidRecords)
              + ": "
              + missing
              + (missing == 1 ? " void has" : " voids have")
              + " no record (the newest records deleted?)");
    } else if (voidCounter < voidRecords) {
      findings.add(
          "the void counter is at "
              + voidCounter
              + ", behind the ledger's "
              + voidRecords(voidRecords)
              + " (voids written behind the series' back?)");
    }
    OptionalLong highest =
        last.isPresent() ? last : startedAfter.isPresent() ? startedAfter : OptionalLong.empty();
    if (counterLast == null) {
      if (otherCounters != null) {
        findings.add(noCounterFinding(otherCounters));
      }
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
        chained || declaredChained,
        broken,
        findings);
  }

  private static String voidRecords(long count) {
    return count + (count == 1 ? " void record" : " void records");
  }

  /**
   * The finding for a counter that does not exist, naming the series' nearest scopes (or, if the
   * scope exists, its nearest periods): a typo must not pass an audit.
   */
  private String noCounterFinding(List<SeriesCounters.Counter> existing) {
    if (existing.isEmpty()) {
      return "no counter: series '"
          + series
          + "' has no counter at all (nothing was ever issued in it; is the name right?)";
    }
    List<String> periods =
        existing.stream()
            .filter(c -> c.scope().equals(scope))
            .map(SeriesCounters.Counter::period)
            .toList();
    if (!periods.isEmpty()) {
      return "no counter: scope '"
          + scope
          + "' of series '"
          + series
          + "' has no period '"
          + period
          + "' (nothing was issued there); the nearest periods: "
          + nearest(period, periods);
    }
    return "no counter: series '"
        + series
        + "' has no scope '"
        + scope
        + "' (nothing was issued there); the nearest scopes: "
        + nearest(scope, existing.stream().map(SeriesCounters.Counter::scope).toList());
  }

  /** The (at most three) {@code candidates} nearest to {@code given}, quoted, nearest first. */
  private static String nearest(String given, List<String> candidates) {
    return candidates.stream()
        .distinct()
        .sorted(
            Comparator.comparingInt((String c) -> distance(given, c))
                .thenComparing(Comparator.naturalOrder()))
        .limit(3)
        .map(c -> "'" + c + "'")
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /**
   * The edits, ignoring case, from {@code a} to {@code b}: inserted, deleted or replaced characters
   * and swapped neighbours (optimal string alignment), so that 2062 is one edit from 2026.
   */
  static int distance(String a, String b) {
    String x = a.toLowerCase(java.util.Locale.ROOT);
    String y = b.toLowerCase(java.util.Locale.ROOT);
    int[][] d = new int[x.length() + 1][y.length() + 1];
    for (int i = 0; i <= x.length(); i++) {
      for (int j = 0; j <= y.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && x.charAt(i - 1) == y.charAt(j - 2)
            && x.charAt(i - 2) == y.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[x.length()][y.length()];
  }

  private static String range(long first, long last) {
    return first == last ? Long.toString(first) : first + ".." + last;
  }

  private static @Nullable String emptyToNull(@Nullable String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
