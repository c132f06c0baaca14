package org.hazardloop.bench;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.hazardloop.hazard.LedgerTallyInsertsAtCommitMigration;
import org.hazardloop.hazard.Sector;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bulk-loads synthetic ledger rows with PostgreSQL's COPY, spread as a province's ledger would be: over a
 * five-level grid of its own (city BC → 10 districts → 100 towns → 1,000 villages; district k holds k/55 of the
 * hazards), five years of reports, growing over time, mostly closed the older they are, 3 % major,
 * all sectors, five industry departments per town. Row {@code s} is generated from a random seed {@code s}, so a
 * load is reproducible. Only {@code hl_hazard} is loaded: the list and the statistics read nothing else.
 */
final class LedgerLoader {

    static final String REPORTER = "bench-loader";
    static final String CITY = "BC";
    /** Serial numbers of loaded rows start here, far above what the number sequence hands out. */
    private static final long FIRST_SERIAL = 90_000_001L;
    private static final int CHUNK = 50_000;
    /** From this many rows a load drops the secondary indexes and builds them again after the COPY. */
    private static final long REBUILD_INDEXES_FROM = 100_000;
    private static final String[] DEPARTMENTS = {"FIRE", "BUILDING", "EMERGENCY", "MARKET", "TRANSPORT"};
    private static final Sector[] SECTORS = Sector.values();
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx");
    private static final String COLUMNS = "number, title, description, sector, location, grid_unit, grid_path, "
            + "safety_office, supervising_office, reporter, discovered_at, reported_at, status, grade, risk_level, "
            + "measures, responsible_department, responsible_person, funds, deadline, contingency_plan, assigned_by, "
            + "rectified_by, rework_count, closed_by, closed_at";

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    LedgerLoader(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    static String district(int d) {
        return "BD%02d".formatted(d);
    }

    static String town(int d, int t) {
        return "BT%02d%02d".formatted(d, t);
    }

    static String village(int d, int t, int v) {
        return "BV%02d%02d%02d".formatted(d, t, v);
    }

    /** The grid the loaded rows belong to; already there on a second load. */
    void ensureGrid() {
        unit(CITY, "基准市", "CITY", null, "/" + CITY + "/");
        for (int d = 1; d <= 10; d++) {
            String dPath = "/" + CITY + "/" + district(d) + "/";
            unit(district(d), "基准区" + d, "DISTRICT", CITY, dPath);
            for (int t = 1; t <= 10; t++) {
                String tPath = dPath + town(d, t) + "/";
                unit(town(d, t), "基准镇" + d + "-" + t, "TOWN", district(d), tPath);
                for (int v = 1; v <= 10; v++) {
                    unit(village(d, t, v), "基准村" + d + "-" + t + "-" + v, "VILLAGE", town(d, t),
                            tPath + village(d, t, v) + "/");
                }
            }
        }
    }

    private void unit(String code, String name, String level, String parent, String path) {
        jdbc.sql("""
                INSERT INTO hl_org_unit (code, name, level, parent_code, path) VALUES (:code, :name, :level, :parent, :path)
                ON CONFLICT (code) DO NOTHING""")
                .param("code", code).param("name", name).param("level", level).param("parent", parent)
                .param("path", path).update();
    }

    long ledgerSize() {
        return jdbc.sql("SELECT COUNT(*) FROM hl_hazard").query(Long.class).single();
    }

    /** Loads {@code rows} more rows; returns the seconds it took, including VACUUM ANALYZE and a checkpoint. */
    double load(long rows) throws SQLException {
        return load(rows, rows >= REBUILD_INDEXES_FROM);
    }

    /**
     * Loads {@code rows} more rows, with {@code rebuildIndexes} building the secondary indexes afterwards, as pg_restore
     * does: one sort per index instead of a million random insertions into each of them (half the ledger phase's time).
     * In one transaction, so a load that fails leaves the indexes as they were.
     */
    double load(long rows, boolean rebuildIndexes) throws SQLException {
        long start = System.nanoTime();
        long next = jdbc.sql("SELECT COALESCE(MAX(CAST(SUBSTRING(number FROM 9) AS BIGINT)), :before) + 1 FROM hl_hazard"
                        + " WHERE reporter = :reporter")
                .param("before", FIRST_SERIAL - 1).param("reporter", REPORTER).query(Long.class).single();
        Instant now = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                List<Index> rebuilt = rebuildIndexes ? secondaryIndexes(connection) : List.of();
                statement.execute("SET LOCAL maintenance_work_mem = '256MB'");
                // the tally counts the loaded rows once per COPY statement, not once per row at commit
                statement.execute(LedgerTallyInsertsAtCommitMigration.BULK_INSERT);
                for (Index index : rebuilt) {
                    statement.execute("DROP INDEX " + index.name());
                }
                copy(connection, rows, next, now);
                for (Index index : rebuilt) {
                    statement.execute(index.definition());
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            try (Statement statement = connection.createStatement()) {
                // What autovacuum does soon after a bulk load: statistics for the planner, and the visibility
                // map that lets index-only scans skip the table.
                statement.execute("VACUUM (ANALYZE) hl_hazard");
                checkpoint(statement);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Writes the load's pages out now (and the operating system's copy of them), rather than while the queries are
     * measured: a ledger gathered over years is not a gigabyte of fresh pages waiting for the checkpointer. Needs a
     * superuser or {@code pg_checkpoint}; without either the load goes on and the pages are written when they are.
     */
    private static void checkpoint(Statement statement) throws SQLException {
        try {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            if (!"42501".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static void copy(Connection connection, long rows, long next, Instant now) throws SQLException {
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        for (long done = 0; done < rows; ) {
            int chunk = (int) Math.min(CHUNK, rows - done);
            StringBuilder csv = new StringBuilder(chunk * 420);
            for (int i = 0; i < chunk; i++) {
                row(csv, next + done + i, now);
            }
            try {
                copy.copyIn("COPY hl_hazard (" + COLUMNS + ") FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            done += chunk;
        }
    }

    record Index(String name, String definition) {
    }

    /** The ledger's indexes that back no constraint (primary key, unique), with their {@code CREATE INDEX}. */
    static List<Index> secondaryIndexes(Connection connection) throws SQLException {
        List<Index> definitions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet indexes = statement.executeQuery("""
                     SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
                      WHERE i.indrelid = 'hl_hazard'::regclass
                        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""")) {
            while (indexes.next()) {
                definitions.add(new Index(indexes.getString(1), indexes.getString(2)));
            }
        }
        return definitions;
    }

    private static void row(StringBuilder csv, long serial, Instant now) {
        SplittableRandom random = new SplittableRandom(serial);
        int weight = random.nextInt(55);
        int d = 1;
        while (weight >= d) {
            weight -= d;
            d++;
        }
        int t = 1 + random.nextInt(10);
        int v = 1 + random.nextInt(10);
        // five years of reports, growing over time (more recent than old): age = five years × u^1.25,
        // so the last 30 days hold about 4 % of the ledger
        double u = random.nextDouble();
        long ageSeconds = (long) (5 * 365 * 86_400L * Math.pow(u, 1.25));
        OffsetDateTime reported = now.minusSeconds(ageSeconds).atOffset(BEIJING);
        OffsetDateTime discovered = reported.minusMinutes(random.nextInt(3 * 24 * 60));
        String status = status(random, ageSeconds / 86_400);
        boolean assigned = !status.equals("REPORTED");
        Sector sector = SECTORS[random.nextInt(SECTORS.length)];
        String town = town(d, t);
        String village = village(d, t, v);
        OffsetDateTime deadline = assigned ? reported.plusDays(7 + random.nextInt(84)) : null;
        boolean closed = status.equals("CLOSED");
        OffsetDateTime closedAt = null;
        if (closed) {
            OffsetDateTime candidate = reported.plusHours(24 + random.nextInt(24 * 80));
            closedAt = candidate.toInstant().isAfter(now) ? now.atOffset(BEIJING) : candidate;
        }
        String department = town + "-" + DEPARTMENTS[random.nextInt(DEPARTMENTS.length)];
        String person = "bench-officer-" + random.nextInt(40);
        csv.append("YH-").append(reported.getYear()).append('-').append(serial).append(',')
                .append(sector.label()).append("隐患：").append(TITLES[random.nextInt(TITLES.length)]).append(',')
                .append(TITLES[random.nextInt(TITLES.length)]).append("，现场检查发现，需限期整改").append(',')
                .append(sector.name()).append(',')
                .append("基准村").append(d).append('-').append(t).append('-').append(v).append(' ')
                .append(1 + random.nextInt(200)).append(" 号").append(',')
                .append(village).append(',')
                .append('/').append(CITY).append('/').append(district(d)).append('/').append(town).append('/')
                .append(village).append('/').append(',')
                .append(town).append("-SAFETY").append(',')
                .append(district(d)).append("-SAFETY").append(',')
                .append(REPORTER).append(',')
                .append(TIMESTAMP.format(discovered)).append(',')
                .append(TIMESTAMP.format(reported)).append(',')
                .append(status).append(',');
        if (assigned) {
            csv.append(random.nextInt(100) < 3 || status.equals("AWAITING_CLOSEOUT") ? "MAJOR" : "GENERAL").append(',')
                    .append(RISK[random.nextInt(RISK.length)]).append(',')
                    .append("清理整改，设置警示标识，每日巡查").append(',')
                    .append(department).append(',')
                    .append(person).append(',')
                    .append(500 + random.nextInt(50_000)).append(".00,")
                    .append(TIMESTAMP.format(deadline)).append(',')
                    .append("整改期间专人值守，险情时按预案处置").append(',')
                    .append(town).append("-supervisor").append(',');
        } else {
            csv.append(",,,,,,,,,");
        }
        boolean rectified = closed || status.equals("VERIFYING") || status.equals("AWAITING_CLOSEOUT");
        csv.append(rectified ? person : "").append(',')
                .append(random.nextInt(100) < 5 ? 1 : 0).append(',')
                .append(closed ? town + "-supervisor" : "").append(',')
                .append(closed ? TIMESTAMP.format(closedAt) : "").append('\n');
    }

    private static final String[] TITLES = {"消防通道堆放杂物", "配电箱无防护罩", "燃气管道锈蚀", "危化品超量存放",
            "动火作业无监护", "有限空间未通风检测", "特种设备超期未检", "脚手架未设防护网", "安全出口上锁", "应急照明损坏"};
    private static final String[] RISK = {"RED", "ORANGE", "ORANGE", "YELLOW", "YELLOW", "YELLOW", "BLUE", "BLUE", "BLUE",
            "BLUE"};

    /** Recent hazards are mostly open; old ones almost all closed. */
    private static String status(SplittableRandom random, long ageDays) {
        int p = random.nextInt(1000);
        if (ageDays < 30) {
            return pick(p, 100, 450, 50, 150, 30);
        }
        if (ageDays < 180) {
            return pick(p, 10, 100, 20, 30, 10);
        }
        return pick(p, 0, 5, 1, 2, 1);
    }

    /** Per mille of REPORTED, RECTIFYING, EXTENSION_REQUESTED, VERIFYING, AWAITING_CLOSEOUT; the rest CLOSED. */
    private static String pick(int p, int reported, int rectifying, int extension, int verifying, int awaiting) {
        if ((p -= reported) < 0) {
            return "REPORTED";
        }
        if ((p -= rectifying) < 0) {
            return "RECTIFYING";
        }
        if ((p -= extension) < 0) {
            return "EXTENSION_REQUESTED";
        }
        if ((p -= verifying) < 0) {
            return "VERIFYING";
        }
        if (p - awaiting < 0) {
            return "AWAITING_CLOSEOUT";
        }
        return "CLOSED";
    }
}
