package org.hazardloop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.hazardloop.hazard.Grade;
import org.hazardloop.hazard.HazardCriteria;
import org.hazardloop.hazard.HazardPageRequest;
import org.hazardloop.hazard.HazardSort;
import org.hazardloop.hazard.HazardStatus;
import org.hazardloop.hazard.LedgerQuerySql;
import org.hazardloop.hazard.LedgerTally;
import org.hazardloop.hazard.Sector;
import org.hazardloop.organization.OrganizationDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Measurement 3: the list API's common filters and the statistics summary, replayed over HTTP at each ledger
 * size (the ledger is bulk-loaded up to it); p50/p95 per query; EXPLAIN (ANALYZE, BUFFERS) of the exact SQL at
 * the largest size.
 */
final class LedgerQueryBenchmark {

    static final String SECTION = "3. Ledger queries";
    /** The province-level view: the administrator reads the whole ledger (a safety office reads its own subtree). */
    static final String READER = "admin";
    private static final Set<HazardStatus> OPEN = EnumSet.of(HazardStatus.RECTIFYING,
            HazardStatus.EXTENSION_REQUESTED, HazardStatus.VERIFYING);

    /** One query as a client sends it, and the same as criteria for the plan. */
    record LedgerQuery(String name, boolean list, Map<String, String> parameters, HazardCriteria criteria,
                       HazardPageRequest page, String gridUnit) {

        String path() {
            String query = parameters.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            String base = list ? "/api/hazards" : "/api/statistics/summary";
            return query.isEmpty() ? base : base + "?" + query;
        }
    }

    /** Latencies of one query at one size. */
    record Timing(String query, boolean list, long ledgerSize, double p50, double p95, double max) {
    }

    private final BenchmarkEnvironment environment;
    private final BenchmarkSettings settings;
    private final BenchmarkResults results;
    private final HttpClient http = HttpClient.newHttpClient();

    LedgerQueryBenchmark(BenchmarkEnvironment environment, BenchmarkSettings settings, BenchmarkResults results) {
        this.environment = environment;
        this.settings = settings;
        this.results = results;
    }

    static List<LedgerQuery> queries(LocalDate today) {
        HazardPageRequest newest = new HazardPageRequest(0, HazardPageRequest.DEFAULT_SIZE, HazardSort.REPORTED_AT, true);
        HazardPageRequest byDeadline = new HazardPageRequest(0, HazardPageRequest.DEFAULT_SIZE, HazardSort.DEADLINE, false);
        String district = LedgerLoader.district(10);
        String town = LedgerLoader.town(10, 5);
        String department = town + "-FIRE";
        LocalDate from = today.minusDays(30);
        OffsetDateTime fromTime = from.atStartOfDay().atOffset(ZoneOffset.ofHours(8));
        OffsetDateTime toTime = today.plusDays(1).atStartOfDay().atOffset(ZoneOffset.ofHours(8));
        String openStatuses = "RECTIFYING,EXTENSION_REQUESTED,VERIFYING";
        String majorOpen = openStatuses + ",AWAITING_CLOSEOUT";
        Set<HazardStatus> majorStatuses = EnumSet.copyOf(OPEN);
        majorStatuses.add(HazardStatus.AWAITING_CLOSEOUT);
        List<LedgerQuery> queries = new ArrayList<>();
        queries.add(new LedgerQuery("list: whole ledger, newest first (the default)", true, Map.of(),
                criteria(Set.of(), null, null, null, null, null, null, null), newest, null));
        queries.add(new LedgerQuery("list: one town's subtree", true, Map.of("gridUnit", town),
                criteria(Set.of(), null, null, town, null, null, null, null), newest, town));
        queries.add(new LedgerQuery("list: a district's hazards in rectification", true,
                ordered("gridUnit", district, "status", "RECTIFYING"),
                criteria(Set.of(HazardStatus.RECTIFYING), null, null, district, null, null, null, null), newest, district));
        queries.add(new LedgerQuery("list: overdue, whole ledger, by deadline", true,
                ordered("overdue", "true", "sort", "deadline,asc"),
                criteria(Set.of(), null, null, null, null, true, null, null), byDeadline, null));
        queries.add(new LedgerQuery("list: a department's open hazards", true,
                ordered("responsibleDepartment", department, "status", openStatuses),
                criteria(OPEN, null, null, null, department, null, null, null), newest, null));
        queries.add(new LedgerQuery("list: open major hazards, whole ledger", true,
                ordered("grade", "MAJOR", "status", majorOpen),
                criteria(majorStatuses, Grade.MAJOR, null, null, null, null, null, null), newest, null));
        queries.add(new LedgerQuery("list: reported in the last 30 days", true,
                ordered("reportedFrom", from.toString(), "reportedTo", today.toString()),
                criteria(Set.of(), null, null, null, null, null, fromTime, toTime), newest, null));
        queries.add(new LedgerQuery("list: a district's fire hazards", true,
                ordered("gridUnit", district, "sector", "FIRE"),
                criteria(Set.of(), null, Sector.FIRE, district, null, null, null, null), newest, district));
        queries.add(new LedgerQuery("statistics: whole ledger", false, Map.of(), null, null, null));
        queries.add(new LedgerQuery("statistics: a district", false, Map.of("gridUnit", district), null, null, district));
        queries.add(new LedgerQuery("statistics: a town", false, Map.of("gridUnit", town), null, null, town));
        return queries;
    }

    private static HazardCriteria criteria(Set<HazardStatus> statuses, Grade grade, Sector sector, String gridUnit,
                                           String department, Boolean overdue, OffsetDateTime from, OffsetDateTime to) {
        return new HazardCriteria(statuses, grade, sector, gridUnit, department, overdue, null, null, from, to);
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    void run() throws SQLException, IOException, InterruptedException {
        JdbcClient jdbc = environment.bean(JdbcClient.class);
        LedgerLoader loader = new LedgerLoader(environment.bean(DataSource.class), jdbc);
        loader.ensureGrid();
        List<LedgerQuery> queries = queries(LocalDate.now(ZoneOffset.ofHours(8)));
        List<Timing> timings = new ArrayList<>();
        List<List<String>> loads = new ArrayList<>();
        long largest = 0;
        for (int size : settings.ledgerSizes()) {
            long before = loader.ledgerSize();
            long toLoad = Math.max(size - before, settings.ledgerMinLoad());
            double seconds = toLoad > 0 ? loader.load(toLoad) : 0;
            long after = loader.ledgerSize();
            largest = after;
            loads.add(List.of(String.valueOf(size), String.valueOf(before), String.valueOf(toLoad),
                    String.valueOf(after), Figure.format(seconds), toLoad > 0 ? Figure.format(toLoad / Math.max(seconds, 1e-9)) : "–"));
            timings.addAll(replay(queries, after));
        }
        results.table(SECTION, new BenchmarkResults.Table("Bulk loads (COPY, then VACUUM ANALYZE and CHECKPOINT)",
                List.of("target rows", "rows before", "rows loaded", "rows after", "seconds", "rows/s"), loads));
        List<List<String>> rows = new ArrayList<>();
        for (Timing t : timings) {
            results.bar("Ledger queries: p95 (ms) by ledger size", String.format("%,d rows", t.ledgerSize()),
                    t.query(), t.p95());
            rows.add(List.of(t.query(), String.valueOf(t.ledgerSize()), Figure.format(t.p50()), Figure.format(t.p95()),
                    Figure.format(t.max())));
        }
        results.table(SECTION, new BenchmarkResults.Table("Each query over HTTP, " + settings.queryRepeats()
                + " timed runs after 3 untimed (ms)", List.of("query", "ledger rows", "p50", "p95", "max"), rows));
        figures(timings);
        if (settings.explain()) {
            explain(queries, largest);
        }
    }

    private List<Timing> replay(List<LedgerQuery> queries, long ledgerSize) throws IOException, InterruptedException {
        Map<LedgerQuery, Histogram> histograms = new LinkedHashMap<>();
        for (LedgerQuery query : queries) {
            histograms.put(query, new Histogram(3));
            for (int i = 0; i < 3; i++) {
                get(query.path());
            }
        }
        // round-robin, so a burst of load elsewhere on the machine spreads over all queries
        for (int i = 0; i < settings.queryRepeats(); i++) {
            for (LedgerQuery query : queries) {
                long start = System.nanoTime();
                get(query.path());
                histograms.get(query).recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            }
        }
        List<Timing> timings = new ArrayList<>();
        histograms.forEach((query, h) -> timings.add(new Timing(query.name(), query.list(), ledgerSize,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0, h.getMaxValue() / 1000.0)));
        return timings;
    }

    private void get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(environment.baseUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (READER + ":" + RestLoop.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Per kind (list, statistics): the worst query's p95 at the largest size, and its ratio to the smallest. */
    private void figures(List<Timing> timings) {
        long smallest = timings.stream().mapToLong(Timing::ledgerSize).min().orElse(0);
        long largest = timings.stream().mapToLong(Timing::ledgerSize).max().orElse(0);
        for (boolean list : List.of(true, false)) {
            String kind = list ? "list" : "statistics";
            double limit = list ? 50 : 200;
            Timing worstLarge = worst(timings, list, largest);
            Timing worstSmall = worst(timings, list, smallest);
            if (worstLarge == null || worstSmall == null) {
                continue;
            }
            results.add(Figure.atMost(SECTION, kind + " p95, worst query at " + String.format("%,d", largest)
                    + " rows (" + worstLarge.query() + ")", worstLarge.p95(), "ms", limit));
            if (largest != smallest) {
                // the ratio per query, worst one: each query is compared with itself at the smaller size
                Timing worstRatio = null;
                double ratio = -1;
                for (Timing large : timings) {
                    if (large.list() != list || large.ledgerSize() != largest) {
                        continue;
                    }
                    Timing small = timings.stream().filter(t -> t.query().equals(large.query())
                            && t.ledgerSize() == smallest).findFirst().orElseThrow();
                    double r = large.p95() / small.p95();
                    if (r > ratio) {
                        ratio = r;
                        worstRatio = large;
                    }
                }
                Timing small = timings.stream().filter(t -> t.query().equals(worstLarge.query())
                        && t.ledgerSize() == smallest).findFirst().orElseThrow();
                results.add(Figure.ratioAtMost(SECTION, kind + " p95 at " + String.format("%,d", largest)
                                + " rows ÷ p95 at " + String.format("%,d", smallest) + ", worst query's p95 ("
                                + worstLarge.query() + ")", worstLarge.p95(), "ms",
                        new Figure.Baseline("same query at " + String.format("%,d", smallest) + " rows", small.p95(), "ms"), 2.0));
                Timing grew = worstRatio;
                if (grew != null && !grew.query().equals(worstLarge.query())) {
                    Timing base = timings.stream().filter(t -> t.query().equals(grew.query())
                            && t.ledgerSize() == smallest).findFirst().orElseThrow();
                    results.add(Figure.ratioAtMost(SECTION, kind + " p95 growth, query that grew most ("
                                    + grew.query() + ")", grew.p95(), "ms",
                            new Figure.Baseline("same query at " + String.format("%,d", smallest) + " rows", base.p95(), "ms"), 2.0));
                }
            }
        }
    }

    private static Timing worst(List<Timing> timings, boolean list, long size) {
        return timings.stream().filter(t -> t.list() == list && t.ledgerSize() == size)
                .max((a, b) -> Double.compare(a.p95(), b.p95())).orElse(null);
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of each query's SQL; a table says which index each used and whether any scanned the whole table. */
    private void explain(List<LedgerQuery> queries, long ledgerSize) throws IOException {
        JdbcClient jdbc = environment.bean(JdbcClient.class);
        OrganizationDirectory organization = environment.bean(OrganizationDirectory.class);
        LedgerTally tally = environment.bean(LedgerTally.class);
        Instant now = Instant.now();
        StringBuilder plans = new StringBuilder();
        List<List<String>> rows = new ArrayList<>();
        for (LedgerQuery query : queries) {
            List<LedgerQuerySql.Statement> statements = statements(organization, tally.available(), query, now);
            // the same request as it was answered before the tally: each statement's time for comparison
            List<LedgerQuerySql.Statement> before = statements(organization, false, query, now);
            for (int i = 0; i < statements.size(); i++) {
                LedgerQuerySql.Statement statement = statements.get(i);
                String text = explain(jdbc, statement);
                plans.append("-- ").append(query.name()).append(" (").append(String.format("%,d", ledgerSize))
                        .append(" rows)\n").append(statement.sql()).append("\n").append(text).append("\n\n");
                String sql = statement.sql();
                String withoutTally = "";
                if (sql.contains("hl_hazard_tally") && i < before.size()) {
                    String old = explain(jdbc, before.get(i));
                    plans.append("-- the same before the tally\n").append(before.get(i).sql()).append("\n").append(old)
                            .append("\n\n");
                    withoutTally = executionTime(old);
                }
                rows.add(List.of(query.name(), sql.contains("hl_hazard_tally") ? "tally"
                                : sql.startsWith("SELECT COUNT") ? "count"
                                : sql.startsWith("SELECT status") ? "figures" : "page",
                        indexesIn(text), text.matches("(?s).*Seq Scan on hl_hazard\\s.*") ? "yes" : "no",
                        executionTime(text), withoutTally));
            }
        }
        Path file = settings.output().resolve("query-plans.txt");
        Files.createDirectories(settings.output());
        Files.writeString(file, plans.toString());
        results.table(SECTION, new BenchmarkResults.Table("Query plans at " + String.format("%,d", ledgerSize)
                + " rows (full text: query-plans.txt)", List.of("query", "statement", "indexes used",
                "sequential scan of hl_hazard", "execution ms", "before the tally, ms"), rows));
    }

    private static List<LedgerQuerySql.Statement> statements(OrganizationDirectory organization, boolean tally,
                                                             LedgerQuery query, Instant now) {
        return query.list()
                ? LedgerQuerySql.list(organization, tally, query.criteria(), query.page(), now)
                : LedgerQuerySql.summary(organization, tally, query.gridUnit(), now);
    }

    private static String explain(JdbcClient jdbc, LedgerQuerySql.Statement statement) {
        return String.join("\n", jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + statement.sql()).params(statement.params())
                .query((rs, row) -> rs.getString(1)).list());
    }

    private static String indexesIn(String plan) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "(?:Index Only Scan|Index Scan)(?: Backward)? using (\\S+)|Bitmap Index Scan on (\\S+)").matcher(plan);
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        while (m.find()) {
            names.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String executionTime(String plan) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Execution Time: ([0-9.]+) ms").matcher(plan);
        return m.find() ? m.group(1) : "";
    }
}
