import { Column, Entity } from 'typeorm';
import { entityTable } from '../kit/entity-table';
import { RecordRow } from '../kit/records';
import type { AccidentInput } from './record-inputs';

@Entity({ name: 'accident' })
export class AccidentRow extends RecordRow {
  @Column({ type: 'date', name: 'occurred_on' })
  occurredOn!: string;

  @Column({ type: 'integer' })
  deaths!: number;

  @Column({ type: 'integer' })
  injuries!: number;
}

export const ACCIDENT_TABLE = entityTable<AccidentInput>(AccidentRow);
