/**
 * The verification flow without HTTP: a migrated in-memory store, a movable clock, one management
 * account with its directory, members on demand, and SecurePhoneVerification wired with the given
 * settings and a recording observer. For boundary, property and breaker tests.
 */
import { randomBytes } from 'node:crypto';
import { openStore } from '../../src/store/open.js';
import type { Member, Store } from '../../src/store/ports.js';
import { loadSettings, type Settings } from '../../src/config/settings.js';
import { ManualClock } from '../../src/lib/clock.js';
import { keyringFrom, type Keyring } from '../../src/lib/keyring.js';
import { SecurePhoneVerification } from '../../src/domain/verification/secure-phone.js';
import type { VerificationObserver } from '../../src/domain/verification/observer.js';
import type { AuditDraft } from '../../src/domain/audit/audit.js';
import { parseSecurePhone, type Phone } from '../../src/domain/phone/phone.js';
import type { SmsPayload } from '../../src/domain/verification/template.js';

/** 2027-01-15T08:00:00Z, in the middle of a UTC day (windows are aligned to the epoch). */
export const T0 = 1_800_000_000_000;
export const MANAGER = '1000000000000001';
export const ADMIN_ARN = `acs:ram::${MANAGER}:user/rd-admin`;

export interface World {
  store: Store;
  clock: ManualClock;
  keyring: Keyring;
  settings: Settings;
  v: SecurePhoneVerification;
  /** Everything the observer heard, as `kind:detail` strings. */
  heard: string[];
  member(): Promise<Member>;
  /** A fresh view of a member (after a bind). */
  reload(m: Member): Promise<Member>;
  draft(over?: Partial<AuditDraft>): AuditDraft;
  phone(raw: string): Phone;
  /** The code carried by a queued SMS (opened from the outbox, as the delivery worker does). */
  codeOf(messageId: string): Promise<string>;
  close(): Promise<void>;
}

let seq = 0;

export async function verificationWorld(
  over: Partial<Settings> = {},
  env: Record<string, string> = {},
): Promise<World> {
  const settings: Settings = {
    ...loadSettings({}, { RESDIR_DATA_DIR: '/nonexistent', RESDIR_DATABASE_URL: 'sqlite::memory:', ...env }),
    ...over,
  };
  const { store } = await openStore('sqlite::memory:');
  const clock = new ManualClock(T0);
  const keyring = keyringFrom(randomBytes(32));
  const heard: string[] = [];
  const observer: VerificationObserver = {
    sent: (k) => heard.push(`sent:${k}`),
    refused: (op, code, reason) => heard.push(`refused:${op}:${code}:${reason}`),
    bound: (n) => heard.push(`bound:${n}`),
    burned: (n) => heard.push(`burned:${n}`),
    breakerTripped: (s) => heard.push(`trip:${s}`),
  };
  const v = new SecurePhoneVerification(store, clock, keyring, settings, { queued: () => {} }, observer);
  const rd = 'rd-world1';
  await store.directory.createAccount({
    id: MANAGER,
    account_name: 'management@x',
    display_name: 'management',
    secure_mobile_phone: null,
    secure_mobile_bound_at: null,
    created_at: T0,
  });
  await store.directory.createDirectory({
    id: rd,
    management_account_id: MANAGER,
    root_folder_id: 'r-world1',
    created_at: T0,
  });
  await store.directory.createFolder({
    id: 'r-world1',
    directory_id: rd,
    parent_id: null,
    name: 'root',
    created_at: T0,
  });
  return {
    store,
    clock,
    keyring,
    settings,
    v,
    heard,
    async member() {
      const id = `3${String(++seq).padStart(15, '0')}`;
      await store.directory.createAccount({
        id,
        account_name: `m${id}@x`,
        display_name: `m${id}`,
        secure_mobile_phone: null,
        secure_mobile_bound_at: null,
        created_at: T0,
      });
      await store.directory.addMember({
        account_id: id,
        directory_id: rd,
        folder_id: 'r-world1',
        type: 'ResourceAccount',
        join_method: 'created',
        status: 'CreateSuccess',
        display_name: `m${id}`,
        join_time: T0,
        modify_time: T0,
      });
      return (await store.directory.getMember(id))!;
    },
    async reload(m) {
      return (await store.directory.getMember(m.account_id))!;
    },
    draft(o = {}) {
      return {
        time: clock.now(),
        requestId: `REQ-${++seq}`,
        action: 'SendVerificationCodeForBindSecureMobilePhone',
        version: '2022-04-19',
        principalArn: ADMIN_ARN,
        callerAccountId: MANAGER,
        accessKeyId: 'LTAI5tworld',
        sourceIp: '10.0.0.1',
        targetAccountId: null,
        phoneMasked: null,
        ...o,
        principalId: o.principalId ?? o.principalArn ?? ADMIN_ARN,
      };
    },
    phone(raw) {
      const p = parseSecurePhone(raw, settings.site);
      if (!p.ok) throw new Error(`bad test phone ${raw}: ${p.error.code}`);
      return p.value;
    },
    async codeOf(messageId) {
      const m = await store.outbox.get(messageId);
      if (!m?.payload_enc) throw new Error(`no sealed payload for ${messageId}`);
      return (JSON.parse(keyring.outboxPayloads.open(m.payload_enc)) as SmsPayload).code;
    },
    close: () => store.close(),
  };
}

/** A valid US number 1-20255501NN (prefix +1202555), distinct for n < 100. */
export const us = (n: number): string => `1-20255501${String(n).padStart(2, '0')}`;
/** A valid Singapore mobile 65-9123NNNN (prefix +659123). */
export const sg = (n: number): string => `65-9123${String(n).padStart(4, '0')}`;
