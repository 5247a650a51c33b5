import { registerEnumType } from 'type-graphql';

export enum CaseCategory {
  TELECOM_FRAUD = 'TELECOM_FRAUD',
  HOMICIDE = 'HOMICIDE',
  PROPERTY = 'PROPERTY',
  TWO_VEHICLE_THEFT = 'TWO_VEHICLE_THEFT',
  OTHER = 'OTHER',
}

registerEnumType(CaseCategory, {
  name: 'CaseCategory',
  description: '案件类别 Category of a criminal case (刑事案件); every category is criminal.',
  valuesConfig: {
    TELECOM_FRAUD: { description: '电信网络诈骗 Telecom and online fraud.' },
    HOMICIDE: { description: '命案 Homicide.' },
    PROPERTY: { description: '传统侵财 Traditional property crime (theft, robbery, fraud).' },
    TWO_VEHICLE_THEFT: {
      description:
        '盗窃两车 Theft of a motorcycle or (electric) bicycle: a kind of property crime.',
    },
    OTHER: { description: '其他 Any other criminal case.' },
  },
});

export enum DisputeChannel {
  PEOPLE = 'PEOPLE',
  ADMINISTRATIVE = 'ADMINISTRATIVE',
  JUDICIAL = 'JUDICIAL',
}

registerEnumType(DisputeChannel, {
  name: 'DisputeChannel',
  description: '调解渠道 How a dispute (矛盾纠纷) is mediated.',
  valuesConfig: {
    PEOPLE: { description: "人民调解 People's mediation." },
    ADMINISTRATIVE: { description: '行政调解 Administrative mediation.' },
    JUDICIAL: { description: '司法调解 Judicial mediation.' },
  },
});

export enum DisputeOutcome {
  PENDING = 'PENDING',
  MEDIATED = 'MEDIATED',
  FAILED = 'FAILED',
  REFERRED = 'REFERRED',
}

registerEnumType(DisputeOutcome, {
  name: 'DisputeOutcome',
  description: '调解结果 Where a dispute stands.',
  valuesConfig: {
    PENDING: { description: '调解中 Still being mediated (no closedOn).' },
    MEDIATED: { description: '调解成功 Settled by mediation.' },
    FAILED: { description: '调解失败 Mediation failed.' },
    REFERRED: { description: '移交 Referred to another body (court, department).' },
  },
});
