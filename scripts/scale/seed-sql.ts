/**
 * The set-based SQL of the scale seed (scripts/scale/seed.ts). Every statement runs in the bench schema
 * (search_path) and takes its sizes as literals the seed formats from numbers it checked. Staging tables
 * (`bench_*`) are UNLOGGED and dropped at the end; the real tables are ordinary, logged tables.
 *
 * Shape (docs/performance.md): Jawa Timur's 38 kab/kota, three years of cases growing towards the present,
 * 70 % razia / 30 % complaints, 26 PPKS categories skewed, a third children, stays per stage with their
 * hours, tasks with their clocks (~85 % on time), escalations of the late ones, monitoring visits,
 * repatriations between regencies, ~15 % of cases a person seen before.
 */

/** Jawa Timur: 29 kabupaten (3501–3529) and 9 kota (3571–3579), the busiest first (the draw is skewed to the front). */
export const EAST_JAVA_REGIONS = [
  '3578', '3515', '3507', '3509', '3514', '3525', '3510', '3508', '3524', '3517', '3573', '3516', '3522', '3513', '3526', '3501', '3502', '3503', '3504',
  '3505', '3506', '3511', '3512', '3518', '3519', '3520', '3521', '3523', '3527', '3528', '3529', '3571', '3572', '3574', '3575', '3576', '3577', '3579',
];

const regionsArray = `ARRAY[${EAST_JAVA_REGIONS.map((r) => `'${r}'`).join(',')}]::varchar(4)[]`;

export interface SeedSizes {
  cases: number;
  events: number;
  /** The instant the seeded history ends (ISO), so every figure has data up to the run. */
  now: string;
}

const ts = (iso: string): string => `'${new Date(iso).toISOString()}'::timestamptz`;

/** Per-case draws: region, opening time (density rising 1 → 3 over three years), channel, sex, age, repeat flag. */
export const planSql = (s: SeedSizes): string => `
  CREATE UNLOGGED TABLE bench_plan AS
  SELECT n, md5('bench-case-' || n)::uuid AS case_id,
         (${regionsArray})[1 + floor(38 * power(random(), 1.6))::int] AS region,
         ${ts(s.now)} - interval '1095 days' * (1 - CASE WHEN random() < 0.5 THEN random() ELSE sqrt(random()) END) AS opened_at,
         CASE WHEN random() < 0.7 THEN 'RAZIA' ELSE 'COMPLAINT' END AS channel,
         CASE WHEN random() < 0.62 THEN 'L' ELSE 'P' END AS sex,
         CASE WHEN random() < 0.33 THEN floor(random() * 18)::int ELSE 18 + floor(power(random(), 1.4) * 62)::int END AS age,
         random() < 0.16 AS rep, random() AS u
  FROM generate_series(1, ${s.cases}) n`;

/**
 * Repeats: a case flagged `rep` is the same person as an earlier first-time case of its regency, drawn
 * from about the six months before it (so most fall inside the 12-month look-back).
 */
export const repeatSql = [
  `CREATE UNLOGGED TABLE bench_first AS
   SELECT n, region, opened_at, sex, age, row_number() OVER (PARTITION BY region ORDER BY opened_at, n) AS r FROM bench_plan WHERE NOT rep`,
  `CREATE INDEX ON bench_first (region, r)`,
  `CREATE UNLOGGED TABLE bench_person_of AS
   SELECT p.n, f.n AS person_n, f.sex, f.age + (extract(year FROM p.opened_at) - extract(year FROM f.opened_at))::int AS age
   FROM (SELECT n, region, rep, u, opened_at, count(*) FILTER (WHERE NOT rep) OVER (PARTITION BY region ORDER BY opened_at, n) AS before FROM bench_plan) p
   JOIN (SELECT region, greatest(1, count(*) / 6) AS win FROM bench_first GROUP BY region) w ON w.region = p.region
   JOIN bench_first f ON f.region = p.region AND f.r = greatest(1, p.before - floor(p.u * w.win)::int)
   WHERE p.rep AND p.before > 0`,
  `CREATE UNIQUE INDEX ON bench_person_of (n)`,
];

/** Final per-case facts: its person, categories, stage path, early exit, reintegration, repatriation, case worker, village. */
export const caseSql = `
  CREATE UNLOGGED TABLE bench_case AS
  SELECT x.*, CASE WHEN x.exit_draw < 0.2 THEN 1 + floor(random() * (cardinality(x.path) - 1))::int ELSE cardinality(x.path) END AS last_ord
  FROM (
    SELECT p.n, p.case_id, p.region, p.opened_at, p.channel, COALESCE(o.sex, p.sex) AS sex, COALESCE(o.age, p.age) AS age, COALESCE(o.person_n, p.n) AS person_n,
           o.person_n IS NOT NULL AS linked_existing,
           CASE WHEN random() < 0.85 THEN ARRAY['PPKS-' || lpad((1 + floor(26 * power(random(), 2.2)))::text, 2, '0')]
                ELSE ARRAY(SELECT DISTINCT 'PPKS-' || lpad((1 + floor(26 * power(random() + p.n * 0, 2.2)))::text, 2, '0') FROM generate_series(1, 2)) END AS categories,
           ARRAY['INTAKE', 'HEALTH_CHECK'] || CASE WHEN random() < 0.15 THEN ARRAY['MEDICAL_TREATMENT'] ELSE '{}'::text[] END || ARRAY['ASSESSMENT']
             || CASE WHEN d.decision < 0.40 THEN ARRAY['SHELTER'] WHEN d.decision < 0.65 THEN ARRAY['REHABILITATION'] ELSE '{}'::text[] END
             || ARRAY['REINTEGRATION', 'MONITORING'] AS path,
           random() AS exit_draw,
           CASE WHEN d.r1 < 0.35 THEN 'ABSCONDED' WHEN d.r1 < 0.60 THEN 'REFERRED_TO_PROGRAM' WHEN d.r1 < 0.80 THEN 'TRANSFERRED_OUT' WHEN d.r1 < 0.97 THEN 'UNFOUNDED_REPORT' ELSE 'DECEASED' END AS exit_reason,
           CASE WHEN d.r2 < 0.50 THEN 'FAMILY_REUNIFICATION' WHEN d.r2 < 0.75 THEN 'REPATRIATION' WHEN d.r2 < 0.90 THEN 'INSTITUTIONAL_PLACEMENT' ELSE 'INDEPENDENT_LIVING' END AS reintegration_type,
           (${regionsArray})[1 + floor(38 * random())::int] AS repatriate_to,
           1 + floor(random() * 25)::int AS worker,
           CASE WHEN p.channel = 'COMPLAINT' AND random() < 0.6 THEN p.region || lpad((1 + floor(random() * 20))::text, 2, '0') || '20' || lpad((1 + floor(random() * 10))::text, 2, '0') END AS village
    FROM bench_plan p LEFT JOIN bench_person_of o ON o.n = p.n,
         LATERAL (SELECT random() + p.n * 0 AS decision, random() + p.n * 0 AS r1, random() + p.n * 0 AS r2) d
  ) x`;

/** Hours per stay, by stage (the intake's first response within 24 h for ~85 %). */
const STAY_HOURS = `CASE st.stage
    WHEN 'INTAKE' THEN CASE WHEN random() < 0.85 THEN 0.5 + random() * 22 ELSE 24 + random() * 60 END
    WHEN 'HEALTH_CHECK' THEN 2 + random() * 46
    WHEN 'MEDICAL_TREATMENT' THEN 48 + random() * 300
    WHEN 'ASSESSMENT' THEN 24 + random() * 144
    WHEN 'SHELTER' THEN 168 + random() * 1200
    WHEN 'REHABILITATION' THEN 720 + random() * 1800
    WHEN 'REINTEGRATION' THEN 72 + random() * 600
    ELSE 720 + random() * 1440 END`;

/** Every stay up to the case's last (early exit or monitoring), cut at `now`: the stay containing `now` is open. */
export const staySql = (s: SeedSizes): string => `
  CREATE UNLOGGED TABLE bench_stay AS
  SELECT n, case_id, region, stage, ord, agency, entered_at, CASE WHEN left_at <= ${ts(s.now)} THEN left_at END AS left_at, ord = last_ord AS last
  FROM (
    SELECT n, case_id, region, stage, ord, agency, last_ord,
           opened_at + interval '1 hour' * (sum(hours) OVER w - hours) AS entered_at, opened_at + interval '1 hour' * sum(hours) OVER w AS left_at
    FROM (
      SELECT c.n, c.case_id, c.region, c.opened_at, c.last_ord, st.stage, st.ord::int AS ord, ${STAY_HOURS} AS hours,
             CASE st.stage WHEN 'INTAKE' THEN CASE c.channel WHEN 'RAZIA' THEN 'SATPOL_PP' ELSE 'PUSKESOS' END
               WHEN 'HEALTH_CHECK' THEN 'DINKES' WHEN 'MEDICAL_TREATMENT' THEN 'DINKES'
               WHEN 'SHELTER' THEN CASE WHEN c.age < 18 THEN 'DP3AP2KB' ELSE 'DINSOS' END
               WHEN 'REHABILITATION' THEN CASE WHEN c.age >= 18 AND c.n % 3 = 0 THEN 'DISNAKER' ELSE 'DINSOS' END
               ELSE 'DINSOS' END AS agency
      FROM bench_case c, unnest(c.path) WITH ORDINALITY st(stage, ord)
      WHERE st.ord <= c.last_ord
    ) h WINDOW w AS (PARTITION BY n ORDER BY ord)
  ) t WHERE entered_at <= ${ts(s.now)}`;

/** Per case: where it stands now. Closed when its last stay was left; the first response is leaving intake. */
export const stateSql = `
  CREATE UNLOGGED TABLE bench_state AS
  SELECT n, (array_agg(stage ORDER BY ord DESC))[1] AS cur_stage, (array_agg(agency ORDER BY ord DESC))[1] AS cur_agency,
         max(entered_at) AS cur_entered_at, bool_or(last AND left_at IS NOT NULL) AS closed, max(left_at) FILTER (WHERE last) AS closed_at,
         min(left_at) FILTER (WHERE stage = 'INTAKE') AS first_response_at, bool_or(stage = 'ASSESSMENT') AS assessed,
         min(entered_at) FILTER (WHERE stage = 'REINTEGRATION') AS reintegration_at, min(left_at) FILTER (WHERE stage = 'REINTEGRATION') AS reintegration_left,
         min(entered_at) FILTER (WHERE stage = 'MONITORING') AS monitoring_at, min(left_at) FILTER (WHERE stage = 'MONITORING') AS monitoring_left,
         count(*)::int AS stays
  FROM bench_stay GROUP BY n`;

/** Task type, agency and clock (hours to claim, hours to complete) per stage; intake tasks only for complaints (Puskesos). */
export const taskSql = (s: SeedSizes): string => `
  CREATE UNLOGGED TABLE bench_task AS
  SELECT n, case_id, region, ord, stage, type, agency, task_key, ordered_at, accept_by, due_at,
         CASE WHEN claimed_at <= ${ts(s.now)} THEN claimed_at END AS claimed_at,
         CASE WHEN completed_at <= ${ts(s.now)} THEN completed_at END AS completed_at,
         CASE WHEN completed_at <= ${ts(s.now)} THEN 'COMPLETED' WHEN claimed_at <= ${ts(s.now)} THEN 'CLAIMED' ELSE 'OPEN' END AS status
  FROM (
    SELECT y.*, ordered_at + interval '1 hour' * claim_h AS accept_by, ordered_at + interval '1 hour' * due_h AS due_at,
           ordered_at + interval '1 hour' * CASE WHEN random() < 0.86 THEN random() * claim_h * 0.95 ELSE claim_h * (1.02 + random() * 3) END AS claimed_at,
           ordered_at + interval '1 hour' * CASE WHEN random() < 0.85 THEN claim_h + random() * (due_h - claim_h) ELSE due_h * (1.01 + random() * 0.6) END AS completed_at
    FROM (
      SELECT x.n, x.case_id, x.region, x.ord, x.stage, t.type, t.agency, 'T' || x.ord || '-' || t.type AS task_key,
             x.entered_at + interval '1 minute' * (5 + random() * 55) AS ordered_at, t.claim_h, t.due_h
      FROM bench_stay x JOIN bench_case c ON c.n = x.n
      CROSS JOIN LATERAL (VALUES
        (x.stage = 'INTAKE' AND c.channel = 'COMPLAINT', 'COMPLAINT_INTAKE', 'PUSKESOS', 4.0, 24.0),
        (x.stage = 'HEALTH_CHECK', 'HEALTH_CHECK', 'DINKES', 2.0, 24.0),
        (x.stage = 'MEDICAL_TREATMENT', 'MEDICAL_TREATMENT', 'DINKES', 4.0, 240.0),
        (x.stage = 'ASSESSMENT' AND c.age < 18, 'CHILD_PROTECTION', 'DP3AP2KB', 8.0, 72.0),
        (x.stage = 'SHELTER', 'SHELTER_PLACEMENT', x.agency, 4.0, 48.0),
        (x.stage = 'REHABILITATION', 'REHABILITATION', x.agency, 8.0, 720.0),
        (x.stage = 'REINTEGRATION' AND c.reintegration_type <> 'REPATRIATION', 'REINTEGRATION_SUPPORT', 'DINSOS', 8.0, 240.0),
        (x.stage = 'REINTEGRATION' AND c.reintegration_type = 'REPATRIATION', 'REPATRIATION_ACKNOWLEDGEMENT', 'DINSOS', 24.0, 168.0)
      ) t(wanted, type, agency, claim_h, due_h)
      WHERE t.wanted
    ) y
  ) z WHERE ordered_at <= ${ts(s.now)}`;

/** Escalations of late tasks: claim overdue (level 1, supervisor), completion overdue (level 1), and two days later (level 2, coordinator). */
export const escalationSql = (s: SeedSizes): string => `
  CREATE UNLOGGED TABLE bench_escalation AS
  SELECT n, case_id, region, agency, stage, task_key, level, notify, at FROM (
    SELECT n, case_id, region, agency, stage, task_key, 1 AS level, 'SUPERVISOR' AS notify, accept_by AS at FROM bench_task WHERE COALESCE(claimed_at, 'infinity') > accept_by
    UNION ALL SELECT n, case_id, region, agency, stage, task_key, 1, 'SUPERVISOR', due_at FROM bench_task WHERE COALESCE(completed_at, 'infinity') > due_at
    UNION ALL SELECT n, case_id, region, agency, stage, task_key, 2, 'COORDINATOR', due_at + interval '48 hours' FROM bench_task WHERE COALESCE(completed_at, 'infinity') > due_at + interval '48 hours' AND random() < 0.5
  ) e WHERE at <= ${ts(s.now)}`;

/** Monitoring visits every 30 days while in monitoring: ~75 % stable, 17 % concern, 8 % back on the street. */
export const monitoringSql = (s: SeedSizes): string => `
  CREATE UNLOGGED TABLE bench_visit AS
  SELECT st.n, c.case_id, c.region, v.k AS visit, st.monitoring_at + interval '30 days' * v.k AS at,
         CASE WHEN random() < 0.75 THEN 'STABLE' WHEN random() < 0.68 THEN 'CONCERN' ELSE 'RETURNED_TO_STREET' END AS outcome
  FROM bench_state st JOIN bench_case c ON c.n = st.n, generate_series(1, 3) v(k)
  WHERE st.monitoring_at IS NOT NULL AND st.monitoring_at + interval '30 days' * v.k <= LEAST(COALESCE(st.monitoring_left, ${ts(s.now)}), ${ts(s.now)})`;

/** Repatriations: cases reintegrated by repatriation, acknowledged by another regency 2–10 days into reintegration. */
export const repatriationSql = `
  CREATE UNLOGGED TABLE bench_repatriation AS
  SELECT st.n, CASE WHEN c.repatriate_to = c.region THEN (${regionsArray})[1 + (array_position(${regionsArray}, c.region) % 38)] ELSE c.repatriate_to END AS region_to,
         st.reintegration_at + interval '1 hour' * (48 + random() * 192) AS at
  FROM bench_state st JOIN bench_case c ON c.n = st.n
  WHERE c.reintegration_type = 'REPATRIATION' AND st.reintegration_at IS NOT NULL`;

/**
 * One row per ledger entry the facts imply (kind, time, and what it carries), without seq yet. `prio`
 * orders entries at the same instant (a close before its stage change).
 */
export const eventSkeletonSql = (s: SeedSizes): string => `
  CREATE UNLOGGED TABLE bench_event AS
  SELECT c.n, c.opened_at AS at, 0 AS prio, 'openCase' AS action, NULL::text AS agency, NULL::text AS task_key, NULL::jsonb AS payload, NULL::int AS ref FROM bench_case c
  UNION ALL
  SELECT x.n, x.left_at, 2, 'stageChanged', NULL, NULL,
         jsonb_build_object('from', x.stage, 'to', COALESCE(nx.stage, 'CLOSED')), NULL
  FROM bench_stay x LEFT JOIN bench_stay nx ON nx.n = x.n AND nx.ord = x.ord + 1 WHERE x.left_at IS NOT NULL
  UNION ALL
  SELECT x.n, x.left_at, 1, CASE x.stage WHEN 'HEALTH_CHECK' THEN 'recordHealthCheck' ELSE 'recordAssessment' END, NULL, NULL,
         CASE WHEN x.stage = 'ASSESSMENT' AND c.reintegration_type IS NOT NULL THEN jsonb_build_object('reintegrationType', c.reintegration_type) END, NULL
  FROM bench_stay x JOIN bench_case c ON c.n = x.n WHERE x.left_at IS NOT NULL AND x.stage IN ('HEALTH_CHECK', 'ASSESSMENT') AND NOT x.last
  UNION ALL
  SELECT x.n, x.left_at, 1, 'closeCase', NULL, NULL, jsonb_build_object('reason', CASE WHEN x.stage = 'MONITORING' THEN 'COMPLETED' ELSE c.exit_reason END), NULL
  FROM bench_stay x JOIN bench_case c ON c.n = x.n WHERE x.last AND x.left_at IS NOT NULL
  UNION ALL
  SELECT t.n, t.ordered_at, 1, 'taskOrdered', t.agency, t.task_key,
         jsonb_build_object('taskKey', t.task_key, 'agencyCode', t.agency, 'type', t.type, 'acceptBy', t.accept_by, 'dueAt', t.due_at), NULL FROM bench_task t
  UNION ALL SELECT t.n, t.claimed_at, 1, 'claimTask', t.agency, t.task_key, NULL, NULL FROM bench_task t WHERE t.claimed_at IS NOT NULL
  UNION ALL SELECT t.n, t.completed_at, 1, 'completeTask', t.agency, t.task_key, NULL, NULL FROM bench_task t WHERE t.completed_at IS NOT NULL
  UNION ALL SELECT e.n, e.at, 3, 'escalated', e.agency, e.task_key, jsonb_build_object('level', e.level, 'notify', e.notify, 'stage', e.stage), e.level FROM bench_escalation e
  UNION ALL SELECT v.n, v.at, 1, 'recordMonitoringVisit', NULL, NULL, jsonb_build_object('outcome', v.outcome), v.visit FROM bench_visit v
  UNION ALL SELECT r.n, r.at, 1, 'acknowledgeRepatriation', NULL, NULL, jsonb_build_object('receivingRegionCode', r.region_to), NULL FROM bench_repatriation r WHERE r.at <= ${ts(s.now)}`;

/** Entries that change no figure (task deliveries) spread over each case's life, so the ledger reaches `events` rows. */
export const fillerSql = (s: SeedSizes, natural: number): string => {
  const deficit = Math.max(0, s.events - natural);
  const per = Math.floor(deficit / s.cases);
  const extra = deficit % s.cases;
  return `
  INSERT INTO bench_event (n, at, prio, action, agency, task_key, payload, ref)
  SELECT c.n, c.opened_at + (LEAST(COALESCE(st.closed_at, ${ts(s.now)}), ${ts(s.now)}) - c.opened_at) * random(), 1, 'taskDelivered', NULL, NULL, NULL, NULL
  FROM bench_case c JOIN bench_state st ON st.n = c.n, generate_series(1, ${per} + CASE WHEN c.n <= ${extra} THEN 1 ELSE 0 END) g`;
};

/** Ledger entries of cases `from`..`to`: seq in time order, chained hashes (linked, not verifiable: see docs), the escalation and visit facts with their seq. */
export const ledgerChunkSql = (from: number, to: number): string => `
  WITH ev AS MATERIALIZED (
    SELECT e.*, c.case_id, c.region, c.channel, c.worker, row_number() OVER (PARTITION BY e.n ORDER BY e.at, e.prio, e.action, e.task_key)::int AS seq
    FROM bench_event e JOIN bench_case c ON c.n = e.n WHERE e.n BETWEEN ${from} AND ${to}
  ), esc AS (
    INSERT INTO report_escalation (case_id, seq, region_code, agency_code, stage, task_key, level, notify, at)
    SELECT case_id, seq, region, agency, payload->>'stage', task_key, ref, payload->>'notify', at FROM ev WHERE action = 'escalated'
  ), mon AS (
    INSERT INTO report_monitoring (case_id, seq, region_code, visit, outcome, at)
    SELECT case_id, seq, region, ref, payload->>'outcome', at FROM ev WHERE action = 'recordMonitoringVisit'
  )
  INSERT INTO case_event (case_id, seq, source_key, action, outcome, actor_id, actor_name, actor_role, actor_agency, agency_code, task_key, reason, summary, payload, snapshot,
                          region_code, protocol_id, protocol_version, occurred_at, recorded_at, workflow_id, run_id, event_id, prev_hash, hash)
  SELECT case_id, seq, 'bench:' || seq, action, 'ACCEPTED',
         CASE WHEN agency IS NULL THEN 'bench-cw-' || region || '-' || worker ELSE 'bench-officer-' || region || '-' || lower(agency) END,
         CASE WHEN agency IS NULL THEN 'Pekerja Sosial ' || worker ELSE 'Petugas ' || agency END,
         CASE WHEN action = 'escalated' OR action = 'taskDelivered' THEN 'SYSTEM' WHEN agency IS NULL THEN 'CASE_WORKER' ELSE 'AGENCY_OFFICER' END,
         agency, agency, task_key, NULL, action, payload, NULL,
         region, 'bench-' || region, 1, at, at + interval '40 milliseconds', 'case-' || case_id, NULL, NULL,
         CASE WHEN seq = 1 THEN repeat('0', 64) ELSE encode(sha256(convert_to(case_id || ':' || (seq - 1), 'UTF8')), 'hex') END,
         encode(sha256(convert_to(case_id || ':' || seq, 'UTF8')), 'hex')
  FROM ev ORDER BY case_id, seq`;

/** Summary tables (report_*), read model, registry and ledger heads from the staging facts. */
export const factSql = (s: SeedSizes): { name: string; sql: string }[] => [
  {
    name: 'report_case',
    sql: `INSERT INTO report_case (case_id, region_code, origin_region_code, channel, categories, sex, age, intake_village_code, intake_village_name, case_worker_id, case_worker_name,
            opened_at, first_response_due_at, first_response_at, stage, responsible_agency, closed_at, closure_reason, reintegration_type, repatriated_to, repatriated_at, version,
            reintegrated_at)
          SELECT c.case_id, c.region, r.region_to, c.channel, CASE WHEN st.assessed THEN c.categories ELSE '{}' END, c.sex, c.age, c.village,
                 CASE WHEN c.village IS NOT NULL THEN 'Desa ' || c.village END,
                 CASE WHEN st.stays > 1 OR c.n % 20 <> 0 THEN 'bench-cw-' || c.region || '-' || c.worker END,
                 CASE WHEN st.stays > 1 OR c.n % 20 <> 0 THEN 'Pekerja Sosial ' || c.worker END,
                 c.opened_at, c.opened_at + interval '24 hours', st.first_response_at,
                 CASE WHEN st.closed THEN 'CLOSED' ELSE st.cur_stage END, CASE WHEN st.closed THEN NULL ELSE st.cur_agency END,
                 st.closed_at, CASE WHEN NOT st.closed THEN NULL WHEN st.cur_stage = 'MONITORING' THEN 'COMPLETED' ELSE c.exit_reason END,
                 CASE WHEN st.reintegration_at IS NOT NULL THEN c.reintegration_type END,
                 CASE WHEN r.at <= ${ts(s.now)} THEN r.region_to END, CASE WHEN r.at <= ${ts(s.now)} THEN r.at END,
                 k.events, mon.entered_at
          FROM bench_case c JOIN bench_state st ON st.n = c.n JOIN bench_count k ON k.n = c.n LEFT JOIN bench_repatriation r ON r.n = c.n
            LEFT JOIN (SELECT n, entered_at FROM bench_stay WHERE stage = 'MONITORING') mon ON mon.n = c.n`,
  },
  { name: 'report_stage', sql: `INSERT INTO report_stage (case_id, entered_at, stage, region_code, agency_code, left_at) SELECT case_id, entered_at, stage, region, agency, left_at FROM bench_stay` },
  {
    name: 'report_task',
    sql: `INSERT INTO report_task (case_id, task_key, region_code, case_region_code, agency_code, type, ordered_at, accept_by, due_at, claimed_at, completed_at, closed_at, status)
          SELECT case_id, task_key, region, region, agency, type, ordered_at, accept_by, due_at, claimed_at, completed_at, completed_at, status FROM bench_task`,
  },
  {
    name: 'case_view',
    sql: `INSERT INTO case_view (id, workflow_id, stage, channel, region_code, person, version, opened_at, updated_at, origin_region_code, protocol_id, protocol_version,
            ppks_categories, closure, responsible_agency, deadline_at, overdue, stage_entered_at, opened_by, intake_point)
          SELECT c.case_id, 'case-' || c.case_id, CASE WHEN st.closed THEN 'CLOSED' ELSE st.cur_stage END, c.channel, c.region,
                 jsonb_build_object('sex', c.sex, 'approximateAge', c.age), k.events, c.opened_at, COALESCE(st.closed_at, st.cur_entered_at), r.region_to, 'bench-' || c.region, 1,
                 CASE WHEN st.assessed THEN c.categories ELSE '{}' END,
                 CASE WHEN st.closed THEN jsonb_build_object('reason', CASE WHEN st.cur_stage = 'MONITORING' THEN 'COMPLETED' ELSE c.exit_reason END, 'closedAt', st.closed_at) END,
                 CASE WHEN st.closed THEN NULL ELSE st.cur_agency END, NULL, false, COALESCE(st.closed_at, st.cur_entered_at),
                 jsonb_build_object('id', 'bench-cw-' || c.region || '-' || c.worker, 'role', 'CASE_WORKER'),
                 CASE WHEN c.village IS NOT NULL THEN jsonb_build_object('villageCode', c.village, 'name', 'Desa ' || c.village) END
          FROM bench_case c JOIN bench_state st ON st.n = c.n JOIN bench_count k ON k.n = c.n LEFT JOIN bench_repatriation r ON r.n = c.n`,
  },
  {
    name: 'person',
    sql: `INSERT INTO person (id, name, sex, birth_year, birth_year_approximate, region_code, created_by_id, created_by_name, created_at)
          SELECT md5('bench-person-' || c.n)::uuid, 'Bench ' || c.n, c.sex, extract(year FROM c.opened_at)::int - c.age, true, c.region, 'bench-seed', 'Bench seed', c.opened_at
          FROM bench_case c WHERE c.person_n = c.n`,
  },
  {
    name: 'case_person',
    sql: `INSERT INTO case_person (case_id, person_id, decision, decided_by_id, decided_by_name, decided_by_role, decided_at)
          SELECT c.case_id, md5('bench-person-' || c.person_n)::uuid, CASE WHEN c.linked_existing THEN 'LINKED_EXISTING' ELSE 'NEW_PERSON' END,
                 'bench-cw-' || c.region || '-' || c.worker, 'Pekerja Sosial ' || c.worker, 'CASE_WORKER', c.opened_at + interval '30 minutes'
          FROM bench_case c`,
  },
  {
    name: 'case_ledger_head',
    sql: `INSERT INTO case_ledger_head (case_id, seq, hash) SELECT c.case_id, k.events, encode(sha256(convert_to(c.case_id || ':' || k.events, 'UTF8')), 'hex')
          FROM bench_case c JOIN bench_count k ON k.n = c.n`,
  },
];

export const STAGING_TABLES = ['bench_plan', 'bench_first', 'bench_person_of', 'bench_case', 'bench_stay', 'bench_state', 'bench_task', 'bench_escalation', 'bench_visit', 'bench_repatriation', 'bench_event', 'bench_count'];
