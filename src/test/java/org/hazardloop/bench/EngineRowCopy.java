package org.hazardloop.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Copies one process instance, row by row in SQL, as many times as asked: the escalation phase's background open
 * deadlines. A deployment gathers 50,000 open deadlines over months; the benchmark has minutes, and starting each
 * process through the engine (about 80 a second at that size on two cores) would take most of them. So one
 * hazard, the template, is started through the engine, and its rows in every engine table that holds any are copied
 * with {@code INSERT … SELECT … FROM <table> CROSS JOIN unnest(<the copies>)}, a batch of copies per statement.
 * Each copy is an instance the engine cannot tell from one it started itself: {@code EngineRowCopyTest} checks the
 * copies through the engine's own API (tasks, timers, variables, activity tree, history), fires a copy's deadline
 * timer and completes a copy's task.
 *
 * <p>What a copy changes, in every column found in {@code information_schema} (so a column the engine adds is
 * copied too):
 * <ul>
 *   <li>ids: every UUID that belongs to the template's own rows (their ids and activity instance ids, also behind a
 *       prefix such as {@code Task_RectifyHazard:}) becomes {@code md5(uuid || ':' || n)::uuid::text} for copy
 *       {@code n}; ids the template shares with every instance (process definition, deployment, job definitions)
 *       stay. An id of neither kind, or one in the middle of a value, stops the copy rather than being guessed at;</li>
 *   <li>the hazard number: the template's becomes the copy's wherever it is written (business key, the
 *       {@code hazardNumber} variable, history);</li>
 *   <li>the deadline's dates: the timers' due dates, the start of the escalation cycle in {@code REPEAT_}, the task's
 *       due date and the {@code deadline} variable (milliseconds in {@code LONG_}) move by the copy's deadline − the
 *       template's. Creation times stay as they are.</li>
 * </ul>
 */
final class EngineRowCopy {

    /**
     * The tables that hold rows of a process instance waiting at a user task with timers, in insertion order (a row
     * after those its foreign keys point to), and which of their rows are the template's ({@code :instance} is its
     * process instance id). {@code EngineRowCopyTest} checks that no other engine table holds a row of the template.
     */
    private static final Map<String, String> TEMPLATE_ROWS = templateRows();

    /** Dates that follow the deadline: moved by the copy's shift (local timestamps, as the engine writes them). */
    private static final Set<String> DEADLINE_DATES = Set.of("act_ru_job.duedate_", "act_ru_task.due_date_",
            "act_hi_taskinst.due_date_", "act_hi_job_log.job_duedate_");
    /** An escalation cycle, {@code R<n>/<start>/<period>}, whose start is written with an offset. */
    private static final String CYCLE_COLUMN = "act_ru_job.repeat_";
    private static final Pattern CYCLE = Pattern.compile("R\\d*/[^/]+[+-]\\d\\d:\\d\\d/P[^/]+");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int UUID_LENGTH = 36;

    private final JdbcClient jdbc;
    private final String number;
    private final Instant deadline;
    /** Per table, the INSERT … SELECT that copies the template's rows, and how many rows that is per copy. */
    private final Map<String, String> statements = new LinkedHashMap<>();
    private final Map<String, Integer> rowsPerCopy = new LinkedHashMap<>();

    private EngineRowCopy(JdbcClient jdbc, String number, Instant deadline) {
        this.jdbc = jdbc;
        this.number = number;
        this.deadline = deadline;
    }

    /**
     * Reads the template — the process instance {@code processInstanceId} of hazard {@code number}, due at
     * {@code deadline} — and prepares one statement per table that holds rows of it.
     */
    static EngineRowCopy of(JdbcClient jdbc, String processInstanceId, String number, Instant deadline) {
        requireUuid(processInstanceId);
        EngineRowCopy copy = new EngineRowCopy(jdbc, number, deadline);
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        TEMPLATE_ROWS.forEach((table, filter) -> {
            List<Map<String, Object>> found = jdbc.sql("SELECT * FROM " + table + " t WHERE "
                    + rowsOf(filter, processInstanceId)).query().listOfRows();
            if (!found.isEmpty()) {
                rows.put(table, found);
            }
        });
        Set<String> own = ownIds(rows);
        copy.requireKnown(rows, own);
        rows.forEach((table, found) -> {
            copy.statements.put(table, copy.statement(table, rowsOf(TEMPLATE_ROWS.get(table), processInstanceId),
                    found, own));
            copy.rowsPerCopy.put(table, found.size());
        });
        return copy;
    }

    /** The SQL for copy {@code n}'s version of the template's id {@code id} (both SQL expressions). */
    static String copiedId(String id, String n) {
        return "md5(" + id + " || ':' || " + n + ")::uuid::text";
    }

    /** The tables the template has rows in, and how many per copy. */
    Map<String, Integer> rowsPerCopy() {
        return rowsPerCopy;
    }

    /**
     * Makes copies {@code first}, {@code first + 1}, … of the template, one for each number, due at the deadline of
     * the same index: one statement per table, in the caller's transaction.
     */
    void copy(int first, List<String> numbers, List<Instant> deadlines) {
        int count = numbers.size();
        int[] n = new int[count];
        long[] shift = new long[count];
        for (int i = 0; i < count; i++) {
            n[i] = first + i;
            shift[i] = deadlines.get(i).toEpochMilli() - deadline.toEpochMilli();
        }
        String[] copyNumbers = numbers.toArray(String[]::new);
        statements.forEach((table, sql) -> {
            int inserted = jdbc.sql(sql).params(n, copyNumbers, shift).update();
            if (inserted != rowsPerCopy.get(table) * count) {
                throw new IllegalStateException(table + ": " + inserted + " rows copied, expected "
                        + rowsPerCopy.get(table) * count);
            }
        });
    }

    private String statement(String table, String filter, List<Map<String, Object>> rows, Set<String> own) {
        record Column(String name, String type) {
        }
        List<Column> columns = jdbc.sql("""
                SELECT column_name, data_type FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = :table ORDER BY ordinal_position""")
                .param("table", table).query((rs, i) -> new Column(rs.getString(1), rs.getString(2))).list();
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String values = columns.stream().map(c -> value(table, c.name(), c.type(), rows, own))
                .collect(Collectors.joining(",\n       "));
        return "INSERT INTO " + table + " (" + names + ")\nSELECT " + values
                + "\n  FROM " + table + " t\n CROSS JOIN (SELECT n, number, shift_ms, shift_ms * interval '1 millisecond' AS shift"
                + "\n               FROM unnest(?::int[], ?::text[], ?::bigint[]) AS c(n, number, shift_ms)) copy"
                + "\n WHERE " + filter;
    }

    /** A column's value in a copy, as an SQL expression of the template row {@code t} and the copy. */
    private String value(String table, String column, String type, List<Map<String, Object>> rows, Set<String> own) {
        String value = "t." + column;
        List<Object> templateValues = rows.stream().map(row -> row.get(column)).toList();
        if (type.equals("character varying") || type.equals("text")) {
            Set<String> ids = new LinkedHashSet<>();
            boolean allOwn = true;
            boolean holdsNumber = false;
            for (Object v : templateValues) {
                if (v == null) {
                    continue;
                }
                String text = v.toString();
                String id = ownIdAtEnd(table, column, text, own);
                if (id != null) {
                    ids.add(id);
                } else {
                    allOwn = false;
                }
                holdsNumber |= text.contains(number);
            }
            if (!ids.isEmpty()) {
                String copied = "left(" + value + ", -" + UUID_LENGTH + ") || "
                        + copiedId("right(" + value + ", " + UUID_LENGTH + ")", "copy.n");
                value = allOwn ? copied : "CASE WHEN right(" + value + ", " + UUID_LENGTH + ") IN ("
                        + ids.stream().map(EngineRowCopy::literal).collect(Collectors.joining(", ")) + ") THEN "
                        + copied + " ELSE " + value + " END";
            }
            if (holdsNumber) {
                value = "replace(" + value + ", " + literal(number) + ", copy.number)";
            }
            if (CYCLE_COLUMN.equals(table + "." + column)) {
                templateValues.stream().filter(v -> v != null && !CYCLE.matcher(v.toString()).matches()).findAny()
                        .ifPresent(v -> {
                            throw new IllegalStateException("not a cycle with a start date: " + v);
                        });
                value = shiftedCycle(value);
            }
        } else if (DEADLINE_DATES.contains(table + "." + column)) {
            // the engine writes local timestamps in the JVM's zone; moved as instants, right across a DST change
            String zone = literal(TimeZone.getDefault().getID());
            value = "((" + value + " AT TIME ZONE " + zone + ") + copy.shift) AT TIME ZONE " + zone;
        } else if (column.equals("long_") && templateValues.contains(deadline.toEpochMilli())) {
            // a date variable holds its milliseconds: the deadline variable, in the runtime and in history
            value = "CASE WHEN " + value + " = " + deadline.toEpochMilli() + " THEN " + value
                    + " + copy.shift_ms ELSE " + value + " END";
        }
        return value;
    }

    /**
     * {@code R<n>/<start>/<period>} with the start moved by the copy's shift and written, as before, with its own
     * UTC offset ({@code +08:00}).
     */
    private static String shiftedCycle(String cycle) {
        String start = "split_part(" + cycle + ", '/', 2)";
        String offset = "right(" + start + ", 6)";
        return "split_part(" + cycle + ", '/', 1) || '/' || to_char((" + start + "::timestamptz + copy.shift) AT TIME ZONE"
                + " 'UTC' + " + offset + "::interval, 'YYYY-MM-DD\"T\"HH24:MI:SS.US') || " + offset + " || '/' || split_part("
                + cycle + ", '/', 3)";
    }

    /** The template's id at the end of {@code text} (after a prefix or none), or null; an own id elsewhere is refused. */
    private static String ownIdAtEnd(String table, String column, String text, Set<String> own) {
        String found = null;
        Matcher m = UUID.matcher(text);
        while (m.find()) {
            if (own.contains(m.group())) {
                if (m.end() != text.length() || found != null) {
                    throw new IllegalStateException(table + "." + column + ": an id of the template inside '" + text
                            + "'; the copy only knows ids at the end of a value");
                }
                found = m.group();
            }
        }
        return found;
    }

    /** The UUIDs that are the template's own: the ids of its rows and its activity instance ids. */
    private static Set<String> ownIds(Map<String, List<Map<String, Object>>> rows) {
        Set<String> own = new HashSet<>();
        rows.values().forEach(found -> found.forEach(row -> row.forEach((column, value) -> {
            if (value != null && (column.equals("id_") || column.endsWith("act_inst_id_"))) {
                own.addAll(uuids(value.toString()));
            }
        })));
        return own;
    }

    /** Every other UUID in the template's rows must be one every instance shares: else a copy would share it too. */
    private void requireKnown(Map<String, List<Map<String, Object>>> rows, Set<String> own) {
        Set<String> shared = new HashSet<>();
        jdbc.sql("SELECT id_ FROM act_re_procdef UNION ALL SELECT id_ FROM act_re_deployment"
                + " UNION ALL SELECT id_ FROM act_ru_jobdef").query(String.class).list()
                .forEach(id -> shared.addAll(uuids(id)));
        rows.forEach((table, found) -> found.forEach(row -> row.forEach((column, value) -> {
            if (value instanceof String text) {
                for (String id : uuids(text)) {
                    if (!own.contains(id) && !shared.contains(id)) {
                        throw new IllegalStateException(table + "." + column + " holds " + id
                                + ", neither the template's own id nor a definition's");
                    }
                }
            }
        })));
    }

    private static List<String> uuids(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = UUID.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static String rowsOf(String filter, String processInstanceId) {
        return filter.replace(":instance", literal(processInstanceId));
    }

    private static void requireUuid(String id) {
        if (!UUID.matcher(id).matches()) {
            throw new IllegalArgumentException("not an engine id: " + id);
        }
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static Map<String, String> templateRows() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("act_ge_bytearray", """
                id_ IN (SELECT bytearray_id_ FROM act_ru_variable WHERE proc_inst_id_ = :instance
                        UNION SELECT exception_stack_id_ FROM act_ru_job WHERE process_instance_id_ = :instance
                        UNION SELECT bytearray_id_ FROM act_hi_varinst WHERE proc_inst_id_ = :instance
                        UNION SELECT bytearray_id_ FROM act_hi_detail WHERE proc_inst_id_ = :instance
                        UNION SELECT job_exception_stack_id_ FROM act_hi_job_log WHERE process_instance_id_ = :instance)""");
        rows.put("act_ru_execution", "proc_inst_id_ = :instance");
        rows.put("act_ru_task", "proc_inst_id_ = :instance");
        rows.put("act_ru_variable", "proc_inst_id_ = :instance");
        rows.put("act_ru_job", "process_instance_id_ = :instance");
        rows.put("act_ru_identitylink", "task_id_ IN (SELECT id_ FROM act_ru_task WHERE proc_inst_id_ = :instance)");
        // the engine's grant to the candidate group on the task
        rows.put("act_ru_authorization", "resource_id_ IN (SELECT id_ FROM act_ru_task WHERE proc_inst_id_ = :instance)");
        rows.put("act_hi_procinst", "proc_inst_id_ = :instance");
        rows.put("act_hi_actinst", "proc_inst_id_ = :instance");
        rows.put("act_hi_taskinst", "proc_inst_id_ = :instance");
        rows.put("act_hi_varinst", "proc_inst_id_ = :instance");
        rows.put("act_hi_detail", "proc_inst_id_ = :instance");
        rows.put("act_hi_identitylink", "root_proc_inst_id_ = :instance"
                + " OR task_id_ IN (SELECT id_ FROM act_hi_taskinst WHERE proc_inst_id_ = :instance)");
        rows.put("act_hi_job_log", "process_instance_id_ = :instance");
        return rows;
    }
}
