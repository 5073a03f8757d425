/**
 * Each operation lists the official API's parameters in its spec, per API version; the list must
 * equal the official SDK's request model, and every official parameter is either declared by the
 * input schema (implemented) or refused by name.
 */
import { describe, expect, it } from 'vitest';
import { ramModels, rmModels, stsModels } from '../support/clients.js';
import type { OfficialVersion, Operation } from '../../src/operations/define.js';
import { resourceDirectoryOperations } from '../../src/operations/resourcedirectory/index.js';
import { ramOperations } from '../../src/operations/ram/index.js';
import { stsOperations } from '../../src/operations/sts/index.js';
import { actionTrailOperations } from '../../src/operations/actiontrail/index.js';

type Models = Record<string, unknown>;

/** The request model's wire names; an operation without parameters has no request model. */
function sdkNames(models: Models, action: string): string[] {
  const model = models[`${action}Request`] as { names(): Record<string, string> } | undefined;
  return model ? Object.values(model.names()).sort() : [];
}

/**
 * ActionTrail 2020-07-06 has no official Node.js SDK among the dependencies: this is the request
 * model of the official Go and Python SDKs (actiontrail-20200706, LookupEventsRequest).
 */
const actiontrailModels: Models = {
  LookupEventsRequest: {
    names: () => ({
      direction: 'Direction',
      endTime: 'EndTime',
      lookupAttribute: 'LookupAttribute',
      maxResults: 'MaxResults',
      nextToken: 'NextToken',
      startTime: 'StartTime',
    }),
  },
};

/**
 * Operations of ResourceDirectoryMaster 2022-04-19 that 2020-03-31 lacks have no official Node.js SDK
 * among the dependencies: these are the request models of the official Python and Go SDKs
 * (resourcedirectorymaster-20220419).
 */
const names = (...wire: string[]) => ({ names: () => Object.fromEntries(wire.map((w) => [w, w])) });
const rdm2022OnlyModels: Models = {
  SetMemberDisplayNameSyncStatusRequest: names('Status'),
  PrecheckForConsolidatedBillingAccountRequest: names('BillingAccountId'),
  UpdatePayerForAccountRequest: names('AccountId', 'PayerAccountId'),
  ListAuthorizedAccountsRequest: names('PageNumber', 'PageSize'),
  ListAuthorizedFoldersRequest: names('PageNumber', 'PageSize'),
  AddMessageContactRequest: names('EmailAddress', 'MessageTypes', 'Name', 'PhoneNumber', 'Title'),
  GetMessageContactRequest: names('ContactId'),
  UpdateMessageContactRequest: names('ContactId', 'EmailAddress', 'MessageTypes', 'Name', 'PhoneNumber', 'Title'),
  DeleteMessageContactRequest: names('ContactId'),
  GetMessageContactDeletionStatusRequest: names('ContactId'),
  ListMessageContactsRequest: names('ContactId', 'Member', 'PageNumber', 'PageSize'),
  SendPhoneVerificationForMessageContactRequest: names('ContactId', 'PhoneNumber'),
  SendEmailVerificationForMessageContactRequest: names('ContactId', 'EmailAddress'),
  ListMessageContactVerificationsRequest: names('ContactId', 'PageNumber', 'PageSize'),
  CancelMessageContactUpdateRequest: names('ContactId', 'EmailAddress', 'PhoneNumber'),
  AssociateMembersRequest: names('ContactId', 'Members'),
  DisassociateMembersRequest: names('ContactId', 'Members'),
};
const only2022 = resourceDirectoryOperations.filter((op) => !op.versions.includes('2020-03-31'));

const products: Array<{ product: string; version: OfficialVersion; ops: readonly Operation[]; models: Models }> = [
  {
    product: 'Resource Directory',
    version: '2020-03-31',
    ops: resourceDirectoryOperations.filter((op) => op.versions.includes('2020-03-31')),
    models: rmModels,
  },
  { product: 'Resource Directory', version: '2022-04-19', ops: only2022, models: rdm2022OnlyModels },
  { product: 'RAM', version: '2015-05-01', ops: ramOperations, models: ramModels },
  { product: 'STS', version: '2015-04-01', ops: stsOperations, models: stsModels },
  { product: 'ActionTrail', version: '2020-07-06', ops: actionTrailOperations, models: actiontrailModels },
];

const cases = products.flatMap(({ product, version, ops, models }) =>
  ops
    .filter((op) => op.versions.includes(version))
    .map((op) => ({ op, version, models, name: `${product} ${op.action}` })),
);

describe('official parameters of every operation', () => {
  it.each(cases)('$name: the $version list equals the SDK request model', ({ op, version, models }) => {
    expect(op.officialParams?.[version], `${op.action} declares no officialParams`).toBeDefined();
    expect([...(op.officialParams?.[version] ?? [])].sort()).toEqual(sdkNames(models, op.action));
  });

  it.each(cases)('$name: every official parameter is implemented or refused by name', ({ op }) => {
    const declared = Object.keys(op.input.properties);
    for (const name of Object.values(op.officialParams ?? {}).flat()) {
      if (declared.some((k) => k === name || k.startsWith(`${name}.`))) continue;
      const r = op.bind({ [name]: 'x' });
      expect(r.ok, `${op.action} accepted ${name}`).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('UnsupportedParameter');
        expect(r.error.message).toContain(`"${name}"`);
      }
      const listForm = op.bind({ [`${name}.1.Key`]: 'k' });
      expect(!listForm.ok && listForm.error.code === 'UnsupportedParameter').toBe(true);
    }
  });
});
