package org.hazardloop.hazard;

import java.time.Year;
import java.util.regex.Pattern;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;

/**
 * Hazard numbers {@code YH-<year>-<6 digits>}. Unique, not gapless: a rolled-back report burns a number,
 * which is what a database sequence gives and what keeps concurrent reports from blocking each other.
 */
public class HazardNumbers {

    public static final Pattern FORMAT = Pattern.compile("YH-\\d{4}-\\d{6,}");

    private final DataFieldMaxValueIncrementer sequence;

    public HazardNumbers(DataFieldMaxValueIncrementer sequence) {
        this.sequence = sequence;
    }

    public String next(Year year) {
        return format(year, sequence.nextLongValue());
    }

    static String format(Year year, long serial) {
        return "YH-%d-%06d".formatted(year.getValue(), serial);
    }
}
