import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { SecureMobilePhoneParam } from './params.js';
import { ENABLE_RD_PHONE_ERRORS, enableRdPhone } from './enable-rd-phone.js';

/**
 * Sends the code EnableResourceDirectory (NewManagementAccount) asks for, to SecureMobilePhone or
 * else to the calling account's own secure phone. The same send limits as the bind code apply;
 * the answer carries no ExpirationDate, as on Alibaba Cloud.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'SendVerificationCodeForEnableRD',
  versions: RD_VERSIONS,
  officialParams: {
    '2020-03-31': ['SecureMobilePhone'],
    '2022-04-19': ['SecureMobilePhone'],
  },
  ramAction: 'resourcemanager:SendVerificationCodeForEnableRD',
  resource: () => '*',
  input: Type.Object({ SecureMobilePhone: Type.Optional(SecureMobilePhoneParam) }),
  paramErrors: {
    SecureMobilePhone: { missing: 'InvalidParameter.SecureMobilePhone', invalid: 'InvalidParameter.SecureMobilePhone' },
  },
  errors: [
    ...ENABLE_RD_PHONE_ERRORS,
    'EntityAlreadyExists.ResourceDirectory',
    'NotSupport.AccountInAnotherResourceDirectory',
    'SendValidateCodeExceedsLimitForAccount',
  ],
  auditsItself: true,
  async handler(ctx, input) {
    const { directories } = ctx.services.lifecycle;
    const allowed = await directories.mayEnable(ctx.principal.accountId);
    if (!allowed.ok) return allowed;
    const phone = await enableRdPhone(ctx, input.SecureMobilePhone);
    if (!phone.ok) return phone;
    const sent = await directories.codes.send(ctx.principal.accountId, phone.value, ctx.audit);
    if (!sent.ok) return sent;
    return ok({});
  },
});
