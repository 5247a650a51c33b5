import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { entityTable } from '../../subgraphs/kit/records/entity-table';
import { STATION_TABLE } from '../../subgraphs/stations/station-table';

abstract class Keyed {
  @PrimaryColumn({ type: 'text', name: 'external_id' })
  externalId!: string;
}

@Entity({ name: 'sample' })
class Sample extends Keyed {
  @Column({ type: 'date', name: 'occurred_on' })
  occurredOn!: string;

  @Column({ type: 'integer', nullable: true })
  deaths!: number | null;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}

describe('an entity table', () => {
  const table = entityTable<{ externalId: string; occurredOn: string; deaths?: number }>(Sample, {
    externalId: (row) => row.externalId.trim(),
  });
  const row = { externalId: ' F1 ', occurredOn: '2019-02-01' };

  it('reads the table, its key and columns from the entity, base class first', () => {
    expect(table.table).toBe('sample');
    expect(table.key).toEqual(['external_id']);
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ['external_id', 'text'],
      ['occurred_on', 'date'],
      ['deaths', 'integer'],
    ]);
  });

  it('takes each value from the property of the same name, or as prepared', () => {
    expect(table.columns.map((c) => c.value(row))).toEqual(['F1', '2019-02-01', null]);
  });

  it('maps the station table from the Station entity, trimming names and addresses', () => {
    expect(STATION_TABLE.table).toBe('station');
    expect(STATION_TABLE.key).toEqual(['code']);
    const station = {
      code: '330681500001',
      name: ' 枫桥派出所 ',
      divisionCode: '330681',
      address: ' 枫桥镇 ',
      brand: ' ',
      creationStatus: 'NAMED_NATIONAL',
      officers: 40,
      population: 50000,
      socialOrganizations: 12,
    };
    expect(
      Object.fromEntries(
        STATION_TABLE.columns.map((c) => [`${c.name}::${c.type}`, c.value(station)]),
      ),
    ).toEqual({
      'code::text': '330681500001',
      'name::text': '枫桥派出所',
      'division_code::text': '330681',
      'address::text': '枫桥镇',
      'brand::text': null,
      'creation_status::text': 'NAMED_NATIONAL',
      'officers::integer': 40,
      'population::integer': 50000,
      'social_organizations::integer': 12,
    });
  });
});
