import { getMetadataArgsStorage } from 'typeorm';
import type { UpsertColumn, UpsertTable } from './upsert';

type Value = ReturnType<UpsertColumn<unknown>['value']>;
type Entity = abstract new (...args: never[]) => unknown;

/** The entity and the classes it extends, base first: TypeORM's columns of each are its. */
function lineage(entity: Entity): Entity[] {
  const classes: Entity[] = [];
  for (let c: unknown = entity; typeof c === 'function' && c !== Function.prototype;) {
    classes.unshift(c as Entity);
    c = Object.getPrototypeOf(c);
  }
  return classes;
}

/**
 * An entity's table as the batch upsert writes it, read from its TypeORM decorators, so the
 * entity is the one mapping of the table in code (its migration creates it): the table's name,
 * its primary key as the conflict key, and each column with its SQL type. A column's value is
 * the row's property of the same name (null when absent), unless `prepare` gives one (a trim).
 * The columns the table keeps itself (`@CreateDateColumn`, `@UpdateDateColumn`) are left out.
 */
export function entityTable<Row>(
  entity: Entity,
  prepare: Partial<Record<keyof Row & string, (row: Row) => Value>> = {},
): UpsertTable<Row> {
  const storage = getMetadataArgsStorage();
  const table = storage.filterTables(entity)[0]?.name;
  if (!table) throw new Error(`${entity.name} is not an @Entity with a table name`);
  const columns = storage
    .filterColumns(lineage(entity))
    .filter((column) => column.mode === 'regular')
    .map(({ propertyName, options }) => {
      if (typeof options.type !== 'string') {
        throw new Error(`${entity.name}.${propertyName}: its @Column needs a type, e.g. 'text'`);
      }
      const own = prepare[propertyName as keyof Row & string];
      return {
        name: options.name ?? propertyName,
        type: options.type,
        primary: options.primary === true,
        value:
          own ?? ((row: Row) => (row as Record<string, Value | undefined>)[propertyName] ?? null),
      };
    });
  const key = columns.filter((c) => c.primary).map((c) => c.name);
  if (key.length === 0) throw new Error(`${entity.name} has no primary column`);
  return { table, key, columns: columns.map(({ name, type, value }) => ({ name, type, value })) };
}
