// What the semester evaluation's aggregates (db/evaluationFigures.ts) need to stay fast over a million
// historical cases (issue 7: under 2 s of aggregation; `npm run bench`, BENCHMARKS.md):
// - satisfaction: the rating of a completed request or incident (Formulir D/E «Tingkat Kepuasan»,
//   serang B.2.6) as a stored generated column, so an index can carry it;
// - completions per period: (tenant, case type, closed_at) carrying everything chapters A, B and
//   maintenance group and count by — the aggregates are index-only scans (after VACUUM);
//   received cases use the existing (tenant, case type, created_at) index;
// - releases: counted when their execution completed (data.completedAt, an ISO instant compared as
//   text in the "C" collation, which orders fixed-width ISO instants as time); releases are a small
//   share of cases, so a partial index is enough;
// - availability (chapter C and the monthly report) reads Mayor incidents as outages: a partial
//   index on them, so the measurement does not scan every incident.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122071000EvaluationIndexes extends Migration {
  override up(): void {
    this.addSql(`alter table sigap_case add column satisfaction smallint generated always as (
      case when case_type in ('request', 'incident') and jsonb_typeof(data->'satisfaction') = 'number'
        then ((data->'satisfaction')::numeric)::smallint end
    ) stored`);
    this.addSql(`create index sigap_case_evaluation_closed_idx on sigap_case (tenant_id, case_type, closed_at)
      include (service_code, priority, sla_met, satisfaction, state, created_at, due_at)`);
    this.addSql(`create index sigap_case_release_completed_idx on sigap_case (tenant_id, ((data->>'completedAt') collate "C"))
      where case_type = 'release'`);
    this.addSql(`create index sigap_case_mayor_incident_idx on sigap_case (tenant_id, service_code)
      where case_type = 'incident' and data->>'impact' = 'mayor'`);
  }

  override down(): void {
    this.addSql('drop index if exists sigap_case_mayor_incident_idx');
    this.addSql('drop index if exists sigap_case_release_completed_idx');
    this.addSql('drop index if exists sigap_case_evaluation_closed_idx');
    this.addSql('alter table sigap_case drop column if exists satisfaction');
  }
}
