package org.hazardloop.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Writes a run's report: {@code report.md} (machine, settings, every figure beside its baseline with the ratio and
 * the target, detail tables, checked facts) and PNG charts drawn with XChart.
 */
final class BenchmarkReport {

    private BenchmarkReport() {
    }

    /** What the report says about the machine and the run, gathered at its start and end. */
    record RunInfo(OffsetDateTime started, Duration took, String command, String database, String postgres,
                   String loadAtStart, String loadAtEnd, Map<String, String> engineSettings) {
    }

    static Path write(Path directory, BenchmarkSettings settings, BenchmarkResults results, RunInfo run) throws IOException {
        Files.createDirectories(directory);
        List<String> charts;
        try {
            charts = charts(directory, results);
        } catch (RuntimeException | IOException e) {
            // the figures are what the run is for: a chart that cannot be drawn must not take the report with it
            charts = List.of();
            results.note("charts not drawn: " + e);
        }
        StringBuilder md = new StringBuilder();
        md.append("# Hazard Loop benchmark report\n\n");
        md.append("Run ").append(run.started()).append(", took ").append(run.took().toSeconds()).append(" s.\n\n");
        md.append("Command: `").append(run.command()).append("`\n\n");
        md.append("## Machine\n\n| | |\n|---|---|\n");
        Runtime runtime = Runtime.getRuntime();
        row(md, "processors", String.valueOf(runtime.availableProcessors()));
        row(md, "memory (machine)", machineMemory());
        row(md, "JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", max heap " + runtime.maxMemory() / (1024 * 1024) + " MiB");
        row(md, "OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        row(md, "PostgreSQL", run.postgres());
        row(md, "database", run.database());
        row(md, "load average at start / end (1, 5, 15 min)", run.loadAtStart() + " / " + run.loadAtEnd());
        md.append("\n## Settings\n\n| setting | value |\n|---|---|\n");
        settings.describe().forEach((k, v) -> row(md, k, v));
        run.engineSettings().forEach((k, v) -> row(md, k, v));

        md.append("\n## Figures\n\nEach figure beside its baseline measured in the same run; ratio = figure ÷ baseline.\n\n");
        md.append("| measurement | figure | value | baseline | baseline value | ratio | target | met |\n");
        md.append("|---|---|---:|---|---:|---:|---|---|\n");
        for (Figure f : results.figures()) {
            md.append("| ").append(f.section()).append(" | ").append(f.name()).append(" | ")
                    .append(Figure.format(f.value())).append(' ').append(f.unit()).append(" | ")
                    .append(f.baseline() == null ? "" : f.baseline().name()).append(" | ")
                    .append(f.baseline() == null ? "" : Figure.format(f.baseline().value()) + " " + f.baseline().unit())
                    .append(" | ").append(f.ratio() == null ? "" : String.format("%.2f", f.ratio())).append(" | ")
                    .append(f.target() == null ? "" : f.target()).append(" | ")
                    .append(f.met() == null ? "" : f.met() ? "yes" : "**no**").append(" |\n");
        }
        if (!results.facts().isEmpty()) {
            md.append("\n## Checked along the way\n\n| what | result |\n|---|---|\n");
            results.facts().forEach((k, v) -> row(md, k, v));
        }
        for (var section : results.tables().entrySet()) {
            md.append("\n## ").append(section.getKey()).append("\n");
            for (BenchmarkResults.Table table : section.getValue()) {
                md.append("\n").append(table.title()).append("\n\n| ").append(String.join(" | ", table.header())).append(" |\n|");
                table.header().forEach(h -> md.append("---|"));
                md.append("\n");
                for (List<String> r : table.rows()) {
                    md.append("| ").append(String.join(" | ", r)).append(" |\n");
                }
            }
        }
        if (!charts.isEmpty()) {
            md.append("\n## Charts\n\n");
            charts.forEach(c -> md.append("![").append(c).append("](").append(c).append(")\n\n"));
        }
        if (!results.notes().isEmpty()) {
            md.append("\n## Notes\n\n");
            results.notes().forEach(n -> md.append("- ").append(n).append("\n"));
        }
        Path report = directory.resolve("report.md");
        Files.writeString(report, md.toString());
        return report;
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value.replace("|", "/")).append(" |\n");
    }

    /** Ratios to baselines with their targets, then any chart a measurement asked for. */
    private static List<String> charts(Path directory, BenchmarkResults results) throws IOException {
        List<String> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        for (Figure f : results.figures()) {
            if (f.ratio() != null && Double.isFinite(f.ratio())) {
                names.add(shortName(f));
                ratios.add(f.ratio());
                targets.add(targetValue(f));
            }
        }
        if (!names.isEmpty()) {
            CategoryChart chart = chart("Figure ÷ same-run baseline", "ratio");
            chart.addSeries("measured ratio", names, ratios);
            chart.addSeries("target", names, targets);
            files.add(save(chart, directory, "ratios.png"));
        }
        int i = 0;
        for (var entry : results.charts().entrySet()) {
            CategoryChart chart = chart(entry.getKey(), "");
            // every series over the same categories, in first-seen order; a value not measured is drawn as 0
            List<String> categories = entry.getValue().values().stream().flatMap(v -> v.keySet().stream())
                    .distinct().toList();
            for (var series : entry.getValue().entrySet()) {
                List<Double> values = categories.stream().map(c -> series.getValue().getOrDefault(c, 0.0))
                        .map(v -> Double.isFinite(v) ? v : 0.0).toList();
                chart.addSeries(series.getKey(), categories, values);
            }
            files.add(save(chart, directory, "chart-" + (++i) + ".png"));
        }
        return files;
    }

    private static CategoryChart chart(String title, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(1400).height(700).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(true);
        chart.getStyler().setChartTitleVisible(true);
        return chart;
    }

    private static String save(CategoryChart chart, Path directory, String name) throws IOException {
        BitmapEncoder.saveBitmap(chart, directory.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
        return name;
    }

    private static String shortName(Figure f) {
        String name = f.name().replaceAll("\\s*\\(.*$", "");
        return name.length() > 48 ? name.substring(0, 48) + "…" : name;
    }

    /** The number in a target such as "≥ 0.8" or "ratio ≤ 2.0"; 0 when there is none (no target bar). */
    private static double targetValue(Figure f) {
        if (f.target() == null) {
            return 0;
        }
        String digits = f.target().replaceAll("[^0-9.]", "");
        return digits.isEmpty() ? 0 : Double.parseDouble(digits);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+", 4)[0] + ", "
                    + Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+", 4)[1] + ", "
                    + Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+", 4)[2];
        } catch (IOException | RuntimeException e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String machineMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024 * 1024) + " GiB";
        }
        return "unknown";
    }
}
