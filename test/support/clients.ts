/** The official Alibaba Cloud clients, pointed at a local resdir. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const RM = require('@alicloud/resourcemanager20200331');
const Core = require('@alicloud/openapi-core');
const Dara = require('@darabonba/typescript');
const PopCore = require('@alicloud/pop-core');

export interface Creds {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** @alicloud/resourcemanager20200331 (2020-03-31): ACS3-HMAC-SHA256 by default; 'v2' = V1 HMAC-SHA1. */
export function productClient(host: string, creds: Creds, signatureAlgorithm?: 'v2' | 'ACS3-HMAC-SM3') {
  const Client = RM.default ?? RM;
  return new Client(
    new Core.$OpenApiUtil.Config({
      ...creds,
      endpoint: host,
      protocol: 'http',
      ...(signatureAlgorithm ? { signatureAlgorithm } : {}),
    }),
  );
}

export const rmModels = RM;

/** @alicloud/openapi-core callApi, RPC style, version 2022-04-19 (ACS3 by default). */
export function coreClient(host: string, creds: Creds, signatureAlgorithm?: 'v2') {
  const OpenApi = Core.default ?? Core;
  const client = new OpenApi(
    new Core.$OpenApiUtil.Config({
      ...creds,
      endpoint: host,
      protocol: 'http',
      ...(signatureAlgorithm ? { signatureAlgorithm } : {}),
    }),
  );
  return {
    async call(
      action: string,
      query: Record<string, string>,
      version = '2022-04-19',
    ): Promise<Record<string, unknown>> {
      const params = new Core.$OpenApiUtil.Params({
        action,
        version,
        protocol: 'HTTP',
        pathname: '/',
        method: 'POST',
        authType: 'AK',
        style: 'RPC',
        reqBodyType: 'formData',
        bodyType: 'json',
      });
      const req = new Core.$OpenApiUtil.OpenApiRequest({ query: Core.OpenApiUtil.query(query) });
      const res = await client.callApi(params, req, new Dara.RuntimeOptions({}));
      return res.body as Record<string, unknown>;
    },
  };
}

/** @alicloud/pop-core RPCClient (V1 HMAC-SHA1 only), GET by default or POST. */
export function popClient(url: string, creds: Creds, apiVersion = '2022-04-19') {
  const RPCClient = PopCore.RPCClient ?? PopCore;
  const c = new RPCClient({ ...creds, endpoint: url, apiVersion });
  return {
    call(
      action: string,
      params: Record<string, string>,
      method: 'GET' | 'POST' = 'GET',
    ): Promise<Record<string, unknown>> {
      return c.request(action, params, { method, timeout: 5000 });
    },
  };
}

const Ram = require('@alicloud/ram20150501');
const Sts = require('@alicloud/sts20150401');

/** @alicloud/ram20150501 (2015-05-01), ACS3-HMAC-SHA256 by default; 'v2' = V1 HMAC-SHA1. */
export function ramClient(host: string, creds: Creds, signatureAlgorithm?: 'v2') {
  const Client = Ram.default ?? Ram;
  return new Client(
    new Core.$OpenApiUtil.Config({
      ...creds,
      endpoint: host,
      protocol: 'http',
      ...(signatureAlgorithm ? { signatureAlgorithm } : {}),
    }),
  );
}
export const ramModels = Ram;

/** @alicloud/sts20150401 (2015-04-01). */
export function stsClient(host: string, creds: Creds, signatureAlgorithm?: 'v2') {
  const Client = Sts.default ?? Sts;
  return new Client(
    new Core.$OpenApiUtil.Config({
      ...creds,
      endpoint: host,
      protocol: 'http',
      ...(signatureAlgorithm ? { signatureAlgorithm } : {}),
    }),
  );
}
export const stsModels = Sts;
