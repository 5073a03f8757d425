/** RAM policy documents (Version "1"): the subset evaluated today — Effect, Action, Resource. */
export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
}

export interface PolicyDocument {
  Version: '1';
  Statement: PolicyStatement[];
}

/** System policies present in every account. Documents follow Alibaba's where known. */
export const SYSTEM_POLICIES: Readonly<Record<string, PolicyDocument>> = {
  AdministratorAccess: { Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  AliyunResourceDirectoryFullAccess: {
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: 'resourcemanager:*', Resource: '*' }],
  },
  AliyunActionTrailFullAccess: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'actiontrail:*', Resource: '*' }] },
  AliyunActionTrailReadOnlyAccess: {
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: ['actiontrail:Get*', 'actiontrail:Describe*', 'actiontrail:List*', 'actiontrail:LookupEvents'], Resource: '*' }],
  },
  AliyunResourceDirectoryReadOnlyAccess: {
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: ['resourcemanager:Get*', 'resourcemanager:List*'], Resource: '*' }],
  },
};
