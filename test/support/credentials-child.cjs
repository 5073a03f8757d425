// A separate Node.js process that calls Resource Directory over HTTPS through the official SDK,
// with credentials from the official @alicloud/credentials package. It trusts resdir's local CA
// only through NODE_EXTRA_CA_CERTS (read by Node.js at start-up), exactly as a user's script would.
//
// argv[2]: JSON { config?: <@alicloud/credentials Config fields>, endpoint?: 'host:port' }
//   no config: the default chain (environment, CLI profile, …); no endpoint: $RESDIR_ENDPOINT.
// stdout: one JSON line { directoryId, arn, provider } or { error }.
const Credentials = require('@alicloud/credentials');
const Core = require('@alicloud/openapi-core');
const RM = require('@alicloud/resourcemanager20200331');
const Sts = require('@alicloud/sts20150401');

async function main() {
  const input = JSON.parse(process.argv[2] || '{}');
  const Credential = Credentials.default;
  const credential = input.config ? new Credential(new Credentials.Config(input.config)) : new Credential();
  const endpoint = input.endpoint || process.env.RESDIR_ENDPOINT;
  const config = () => new Core.$OpenApiUtil.Config({ credential, endpoint, protocol: 'https' });
  const rm = new RM.default(config());
  const rd = await rm.getResourceDirectory();
  const who = await new Sts.default(config()).getCallerIdentity();
  const used = await credential.getCredential();
  return { directoryId: rd.body.resourceDirectory.resourceDirectoryId, arn: who.body.arn, provider: used.providerName };
}

main().then(
  (r) => console.log(JSON.stringify(r)),
  (e) => {
    console.log(JSON.stringify({ error: `${e.code || e.name}: ${e.message}` }));
    process.exitCode = 1;
  },
);
