package org.hazardloop.bench;

/**
 * One measured figure, beside the baseline measured in the same run.
 *
 * @param section  the numbered measurement it belongs to
 * @param name     what was measured
 * @param value    the figure
 * @param unit     its unit
 * @param baseline what it is compared with, measured in the same run; null when it stands alone
 * @param ratio    value ÷ baseline (or the ratio the target names); null when there is none
 * @param target   the target the ratio or value is held to, as text; null when there is none
 * @param met      whether the target was met; null when there is none
 */
public record Figure(String section, String name, double value, String unit, Baseline baseline, Double ratio,
                     String target, Boolean met) {

    /** A baseline figure of the same run. */
    public record Baseline(String name, double value, String unit) {
    }

    static Figure plain(String section, String name, double value, String unit) {
        return new Figure(section, name, value, unit, null, null, null, null);
    }

    /** value ÷ baseline, held to {@code ratio ≥ minimum}. */
    static Figure atLeast(String section, String name, double value, String unit, Baseline baseline, double minimum) {
        Double ratio = baseline.value() == 0 ? null : value / baseline.value();
        return new Figure(section, name, value, unit, baseline, ratio, "≥ " + minimum,
                ratio != null && ratio >= minimum);
    }

    /** value ÷ baseline, for information. */
    static Figure against(String section, String name, double value, String unit, Baseline baseline) {
        Double ratio = baseline.value() == 0 ? null : value / baseline.value();
        return new Figure(section, name, value, unit, baseline, ratio, null, null);
    }

    /** An absolute ceiling, e.g. p95 ≤ 50 ms. */
    static Figure atMost(String section, String name, double value, String unit, double maximum) {
        return new Figure(section, name, value, unit, null, null, "≤ " + format(maximum) + " " + unit, value <= maximum);
    }

    /** value ÷ baseline held to {@code ratio ≤ maximum}. */
    static Figure ratioAtMost(String section, String name, double value, String unit, Baseline baseline, double maximum) {
        Double ratio = baseline.value() == 0 ? null : value / baseline.value();
        return new Figure(section, name, value, unit, baseline, ratio, "ratio ≤ " + maximum,
                ratio != null && ratio <= maximum);
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        double abs = Math.abs(value);
        if (abs >= 100 || value == Math.rint(value)) {
            return String.format("%,.0f", value);
        }
        if (abs >= 10) {
            return String.format("%.1f", value);
        }
        return String.format("%.2f", value);
    }
}
