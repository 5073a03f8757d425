/**
 * RAM policy documents (Version "1") as resdir holds them after parsing (see parse.ts): lists are
 * always arrays, and exactly one of Action/NotAction and of Resource/NotResource is set (trust
 * policies carry Principal instead of a resource).
 */
export type ConditionBlock = Record<string, Record<string, string[]>>;

export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  /** Trust policies only: {RAM: [...ARNs or account IDs], Service: [...]} */
  Principal?: Record<string, string[]>;
  /** operator → key → values; every operator and key must hold (AND), any value may match (OR). */
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version: '1';
  Statement: PolicyStatement[];
}

/** The documents of the system policies, as Alibaba publishes them where known. */
export const SYSTEM_POLICY_TEXTS: Readonly<Record<string, { description: string; document: string }>> = {
  AdministratorAccess: {
    description: 'Provides full access to Alibaba Cloud services and resources.',
    document: '{"Statement":[{"Action":"*","Effect":"Allow","Resource":"*"}],"Version":"1"}',
  },
  AliyunResourceDirectoryFullAccess: {
    description: 'Provides full access to Resource Directory.',
    document:
      '{"Statement":[{"Action":"resourcemanager:*","Effect":"Allow","Resource":"*"},' +
      '{"Action":"ram:CreateServiceLinkedRole","Effect":"Allow","Resource":"*",' +
      '"Condition":{"StringEquals":{"ram:ServiceName":"resourcemanager.aliyuncs.com"}}}],"Version":"1"}',
  },
  AliyunActionTrailFullAccess: {
    description: 'Provides full access to ActionTrail.',
    document: '{"Statement":[{"Action":"actiontrail:*","Effect":"Allow","Resource":"*"}],"Version":"1"}',
  },
  AliyunActionTrailReadOnlyAccess: {
    description: 'Provides read-only access to ActionTrail.',
    document:
      '{"Statement":[{"Action":["actiontrail:Get*","actiontrail:Describe*","actiontrail:List*",' +
      '"actiontrail:LookupEvents"],"Effect":"Allow","Resource":"*"}],"Version":"1"}',
  },
  AliyunResourceDirectoryReadOnlyAccess: {
    description: 'Provides read-only access to Resource Directory.',
    document:
      '{"Statement":[{"Action":["resourcemanager:Get*","resourcemanager:List*"],"Resource":"*","Effect":"Allow"}],' +
      '"Version":"1"}',
  },
  AliyunRAMFullAccess: {
    description: 'Provides full access to Resource Access Management (RAM).',
    document: '{"Statement":[{"Action":"ram:*","Effect":"Allow","Resource":"*"}],"Version":"1"}',
  },
  AliyunSTSAssumeRoleAccess: {
    description: 'Provides access to call the AssumeRole operation of Security Token Service (STS).',
    document: '{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Resource":"*"}],"Version":"1"}',
  },
};
