import { Type } from '@sinclair/typebox';
import { err, ok, type Result } from '../../lib/result.js';
import { failure, type ApiFailure } from '../../errors/catalog.js';
import { defineOperation, type OpContext, RD_VERSIONS } from '../define.js';
import { SecureMobilePhoneParam, VerificationCodeParam } from './params.js';
import { ENABLE_RD_PHONE_ERRORS, enableRdPhone } from './enable-rd-phone.js';
import { enabledDirectoryView } from './lifecycle-views.js';

/**
 * `<prefix>@rdadmin.aliyunid.com`: 2–50 letters, digits and _ . -, alphanumeric at both ends, no two specials in a row.
 */
export const MANAGEMENT_ACCOUNT_NAME =
  '^[A-Za-z0-9](?:[A-Za-z0-9]|[_.\\-](?![_.\\-])){0,48}[A-Za-z0-9]@rdadmin\\.aliyunid\\.com$';

/**
 * Enables a resource directory. CurrentAccount: the caller's account manages it. NewManagementAccount:
 * a new account named MAName, with MASecureMobilePhone (or the caller's own secure phone) and the
 * code SendVerificationCodeForEnableRD sent to it, manages it, and the caller's account becomes its
 * first member (a CloudAccount). The audit record commits with the change. DryRun=true (2022-04-19)
 * makes the checks of a real call and answers DryRunOperation without writing; it neither checks
 * nor uses the verification code, which stays valid for the real call.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'EnableResourceDirectory',
  versions: RD_VERSIONS,
  officialParams: {
    '2020-03-31': ['EnableMode', 'MAName', 'MASecureMobilePhone', 'VerificationCode'],
    '2022-04-19': ['DryRun', 'EnableMode', 'MAName', 'MASecureMobilePhone', 'VerificationCode'],
  },
  ramAction: 'resourcemanager:EnableResourceDirectory',
  resource: () => '*',
  input: Type.Object({
    EnableMode: Type.Union([Type.Literal('CurrentAccount'), Type.Literal('NewManagementAccount')], {
      description: 'Specify CurrentAccount or NewManagementAccount.',
    }),
    MAName: Type.Optional(
      Type.String({
        maxLength: 80,
        pattern: MANAGEMENT_ACCOUNT_NAME,
        description: 'Specify <prefix>@rdadmin.aliyunid.com.',
      }),
    ),
    MASecureMobilePhone: Type.Optional(SecureMobilePhoneParam),
    VerificationCode: Type.Optional(VerificationCodeParam),
    DryRun: Type.Optional(Type.String({ pattern: '^(true|false)$', description: 'Specify true or false.' })),
  }),
  paramErrors: {
    MAName: { missing: 'InvalidParameter.ManagementAccountName', invalid: 'InvalidParameter.ManagementAccountName' },
    MASecureMobilePhone: {
      missing: 'InvalidParameter.SecureMobilePhone',
      invalid: 'InvalidParameter.SecureMobilePhone',
    },
    VerificationCode: { missing: 'MissingParameter.VerificationCode', invalid: 'Invalid.VerificationCode' },
    DryRun: { missing: 'InvalidParameter.DryRun', invalid: 'InvalidParameter.DryRun' },
  },
  errors: [
    'EntityAlreadyExists.ResourceDirectory',
    'NotSupport.AccountInAnotherResourceDirectory',
    'InvalidParameter.ManagementAccountName',
    'InvalidParameter.ManagementAccountName.AlreadyUsed',
    'MissingParameter.VerificationCode',
    'Invalid.VerificationCode',
    ...ENABLE_RD_PHONE_ERRORS,
    'DryRunOperation',
  ],
  auditsItself: true,
  async handler(ctx, input) {
    const { directories } = ctx.services.lifecycle;
    const caller = ctx.principal.accountId;
    if (input.DryRun === 'true') return dryRun(ctx, input);
    let dir: Awaited<ReturnType<typeof directories.enableForCurrentAccount>>;
    if (input.EnableMode === 'CurrentAccount') dir = await directories.enableForCurrentAccount(caller, ctx.audit);
    else {
      const allowed = await directories.mayEnable(caller);
      if (!allowed.ok) return allowed;
      if (input.MAName === undefined)
        return err(failure('InvalidParameter.ManagementAccountName', 'MAName is required for NewManagementAccount.'));
      if (input.VerificationCode === undefined) return err(failure('MissingParameter.VerificationCode'));
      const phone = await enableRdPhone(ctx, input.MASecureMobilePhone);
      if (!phone.ok) return phone;
      dir = await directories.enableWithNewManagementAccount(
        caller,
        { name: input.MAName, phone: phone.value, code: input.VerificationCode },
        ctx.audit,
      );
    }
    if (!dir.ok) return dir;
    const name = await ctx.services.directory.accountName(dir.value.management_account_id);
    return ok({ ResourceDirectory: enabledDirectoryView(dir.value, name) });
  },
});

/** The checks of a real enable, without the verification code; DryRunOperation when they pass. */
async function dryRun(
  ctx: OpContext,
  input: { EnableMode: string; MAName?: string; MASecureMobilePhone?: string; VerificationCode?: string },
): Promise<Result<Record<string, unknown>, ApiFailure>> {
  const { directories } = ctx.services.lifecycle;
  const allowed = await directories.mayEnable(ctx.principal.accountId);
  if (!allowed.ok) return allowed;
  if (input.EnableMode === 'NewManagementAccount') {
    if (input.MAName === undefined)
      return err(failure('InvalidParameter.ManagementAccountName', 'MAName is required for NewManagementAccount.'));
    if (input.VerificationCode === undefined) return err(failure('MissingParameter.VerificationCode'));
    const phone = await enableRdPhone(ctx, input.MASecureMobilePhone);
    if (!phone.ok) return phone;
    if (await directories.nameTaken(input.MAName))
      return err(failure('InvalidParameter.ManagementAccountName.AlreadyUsed'));
  }
  return err(failure('DryRunOperation'));
}
