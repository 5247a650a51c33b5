import { registerEnumType } from 'type-graphql';

export enum CommendationKind {
  BANNER = 'BANNER',
  LETTER = 'LETTER',
}

registerEnumType(CommendationKind, {
  name: 'CommendationKind',
  description: '表扬形式 How the public thanked a station.',
  valuesConfig: {
    BANNER: { description: '锦旗 A silk banner presented to the station.' },
    LETTER: { description: '表扬信 A letter of praise.' },
  },
});
