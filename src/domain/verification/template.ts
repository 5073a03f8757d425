/** Parameters of a verification SMS; sealed in the outbox until delivery. */
export interface SmsPayload {
  code: string;
  minutes: number;
  purpose: string;
}

const PURPOSE_TEXT: Record<string, string> = {
  'bind-secure-mobile-phone': 'binding this number as the secure mobile phone of your Alibaba Cloud account',
};

/** The SMS text: names the purpose and the validity, and fits one segment for the default purpose. */
export function renderSms(p: SmsPayload): string {
  const why = PURPOSE_TEXT[p.purpose] ?? 'verifying this number';
  return `[resdir] ${p.code} is your code for ${why}. Valid ${p.minutes} min. Never share it.`;
}
