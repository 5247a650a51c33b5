import 'reflect-metadata';
import { isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { buildFederatedSchema } from '../../subgraphs/kit/service/federated-schema';
import { SUBGRAPHS } from '../../subgraphs/list';

/** Arguments read in the SDL (and GraphiQL's docs pane) in the order their method declares them. */
describe("a field's arguments", () => {
  const schemas = SUBGRAPHS.map(buildFederatedSchema);

  it('come as declared: assessmentBoard(scope, period, schemeId)', () => {
    const assessment = schemas[SUBGRAPHS.findIndex((s) => s.name === 'assessment')];
    const board = assessment?.getQueryType()?.getFields().assessmentBoard;
    expect(board?.args.map((a) => a.name)).toEqual(['scope', 'period', 'schemeId']);
  });

  it('come as declared on every resolver method of every in-house subgraph', () => {
    const declared = new Map<string, string[]>();
    for (const param of [...getMetadataStorage().params].sort((a, b) => a.index - b.index)) {
      if (param.kind !== 'arg') continue;
      const key = param.methodName;
      declared.set(key, [...(declared.get(key) ?? []), param.name]);
    }
    let compared = 0;
    for (const schema of schemas) {
      for (const type of Object.values(schema.getTypeMap()).filter(isObjectType)) {
        for (const field of Object.values(type.getFields())) {
          const names = declared.get(field.name);
          if (!names || field.args.length < 2 || names.length !== field.args.length) continue;
          expect([field.name, field.args.map((a) => a.name)]).toEqual([field.name, names]);
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(5);
  });
});
