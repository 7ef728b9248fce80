/**
 * A grievance's life: lodged on a beneficiary's behalf, assigned, escalated when its deadline (15
 * days, an unverified placeholder parameter) passes unresolved and not before, re-assigned at the
 * next level, resolved with an answer; each step a grievance event and an audit row; a step the
 * state does not allow is refused and changes nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.js';
import { type Database, openDatabase } from '../db/open-database.js';
import { assignGrievance, escalateOverdue, lodgeGrievance, resolveGrievance } from './grievances.js';

describe('grievances', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({
      dataDir: join(mkdtempSync(join(tmpdir(), 'samaki-grievance-')), 'pglite'),
    });
    await migrateToLatest(database.db);
    await sql`insert into household (household_id, province, urban, size, idpoor) values (7, 2, false, 4, 2)`.execute(
      database.db,
    );
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  it('is lodged, assigned, escalated after its deadline, resolved; every step recorded', async () => {
    const g = await lodgeGrievance(
      database,
      {
        householdId: 7,
        channel: 'commune_council',
        category: 'payment',
        description: 'The April payment did not arrive at the paying agent.',
        onBehalf: true,
        lodgedOn: '2024-05-02',
      },
      'commune-clerk',
    );
    expect(g).toMatchObject({ status: 'lodged', level: 1, dueOn: '2024-05-17' });
    expect((await assignGrievance(database, g.grievanceId, 'officer-sao', 'supervisor')).assignedTo).toBe(
      'officer-sao',
    );

    // On the deadline itself nothing is overdue; the day after, it goes up a level.
    expect(await escalateOverdue(database, '2024-05-17', 'samaki')).toEqual({ escalated: [] });
    expect(await escalateOverdue(database, '2024-05-18', 'samaki')).toEqual({ escalated: [g.grievanceId] });
    const again = await assignGrievance(database, g.grievanceId, 'provincial-officer', 'supervisor');
    expect(again).toMatchObject({ status: 'assigned', level: 2, dueOn: '2024-06-02' });

    const resolved = await resolveGrievance(
      database,
      g.grievanceId,
      'Paid on 20 May after the agent’s list was corrected.',
      '2024-05-20',
      'provincial-officer',
    );
    expect(resolved).toMatchObject({
      status: 'resolved',
      answer: 'Paid on 20 May after the agent’s list was corrected.',
    });
    await expect(assignGrievance(database, g.grievanceId, 'x', 'y')).rejects.toThrow(/is resolved/);
    expect(await escalateOverdue(database, '2024-12-31', 'samaki')).toEqual({ escalated: [] });

    const events = await database.db
      .selectFrom('grievance_event')
      .select(['from_status', 'to_status'])
      .where('grievance_id', '=', g.grievanceId)
      .orderBy('event_id')
      .execute();
    expect(events.map((e) => `${e.from_status ?? '—'}→${e.to_status}`)).toEqual([
      '—→lodged',
      'lodged→assigned',
      'assigned→escalated',
      'escalated→assigned',
      'assigned→resolved',
    ]);
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'grievance')
      .where('entity_id', '=', String(g.grievanceId))
      .execute();
    expect(audit).toHaveLength(5);
  });

  it('refuses a grievance with an unknown channel, category or household, storing nothing', async () => {
    const input = {
      householdId: 7,
      channel: 'hotline',
      category: 'targeting',
      description: 'We were not visited in the round.',
      onBehalf: false,
      lodgedOn: '2024-06-01',
    };
    await expect(lodgeGrievance(database, { ...input, channel: 'pigeon' }, 'a')).rejects.toThrow(
      /channel "pigeon"/,
    );
    await expect(lodgeGrievance(database, { ...input, category: 'weather' }, 'a')).rejects.toThrow(
      /category/,
    );
    await expect(lodgeGrievance(database, { ...input, householdId: 999 }, 'a')).rejects.toThrow(
      /no household 999/,
    );
    await expect(lodgeGrievance(database, { ...input, description: ' ' }, 'a')).rejects.toThrow(
      /what the grievance/,
    );
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from grievance`.execute(database.db);
    expect(rows[0]!.n).toBe(1);
  });
});
