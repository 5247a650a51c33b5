import { Column, Entity } from 'typeorm';
import { entityTable } from '../kit/entity-table';
import { RecordRow } from '../kit/records';
import type { CaseInput, DisputeInput } from './record-inputs';

@Entity({ name: 'criminal_case' })
export class CaseRow extends RecordRow {
  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'date', name: 'filed_on' })
  filedOn!: string;

  @Column({ type: 'date', name: 'solved_on', nullable: true })
  solvedOn!: string | null;
}

@Entity({ name: 'dispute' })
export class DisputeRow extends RecordRow {
  @Column({ type: 'date', name: 'received_on' })
  receivedOn!: string;

  @Column({ type: 'text' })
  channel!: string;

  @Column({ type: 'text' })
  outcome!: string;

  @Column({ type: 'date', name: 'closed_on', nullable: true })
  closedOn!: string | null;
}

export const CASE_TABLE = entityTable<CaseInput>(CaseRow);
export const DISPUTE_TABLE = entityTable<DisputeInput>(DisputeRow);
