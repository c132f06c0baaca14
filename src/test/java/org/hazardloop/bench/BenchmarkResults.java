package org.hazardloop.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured: the figures, detail tables per section, and notes. */
final class BenchmarkResults {

    /** A detail table: a header row and the rows under it. */
    record Table(String title, List<String> header, List<List<String>> rows) {
    }

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, List<Table>> tables = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<String, Double>>> charts = new LinkedHashMap<>();

    synchronized void add(Figure figure) {
        figures.add(figure);
    }

    synchronized void table(String section, Table table) {
        tables.computeIfAbsent(section, s -> new ArrayList<>()).add(table);
    }

    synchronized void note(String note) {
        notes.add(note);
    }

    /** A checked fact of the run that is not a timing, e.g. "hazards closed in the ledger = loops counted". */
    synchronized void fact(String name, String value) {
        facts.put(name, value);
    }

    /** A bar of a chart: {@code chart} → series → category → value. */
    synchronized void bar(String chart, String series, String category, double value) {
        charts.computeIfAbsent(chart, c -> new LinkedHashMap<>()).computeIfAbsent(series, s -> new LinkedHashMap<>())
                .put(category, value);
    }

    synchronized Map<String, Map<String, Map<String, Double>>> charts() {
        return new LinkedHashMap<>(charts);
    }

    synchronized List<Figure> figures() {
        return List.copyOf(figures);
    }

    synchronized Map<String, List<Table>> tables() {
        return new LinkedHashMap<>(tables);
    }

    synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    synchronized Map<String, String> facts() {
        return new LinkedHashMap<>(facts);
    }
}
