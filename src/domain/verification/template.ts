/** Parameters of a verification SMS; sealed in the outbox until delivery. */
export interface SmsPayload {
  code: string;
  minutes: number;
  purpose: string;
}

type Language = 'en' | 'zh';

const PURPOSE_TEXT: Record<Language, Record<string, string>> = {
  en: {
    'bind-secure-mobile-phone': 'binding this number as the secure mobile phone of your Alibaba Cloud account',
    'enable-resource-directory': 'enabling a resource directory with a new management account',
    'message-contact-phone': 'verifying this number as a message contact of a resource directory',
  },
  zh: {
    'bind-secure-mobile-phone': '绑定阿里云账号安全手机',
    'enable-resource-directory': '开通资源目录',
    'message-contact-phone': '验证资源目录消息联系人',
  },
};
const FALLBACK_PURPOSE: Record<Language, string> = { en: 'verifying this number', zh: '验证手机号码' };

/**
 * The default texts. Both fit one SMS segment for the default purpose: the English one in GSM-7
 * (at most 160 characters), the Chinese one in UCS-2 (at most 70).
 */
export const DEFAULT_TEMPLATES: Record<Language, string> = {
  en: '[resdir] {code} is your code for {purpose}. Valid {minutes} min. Never share it.',
  zh: '【resdir】验证码{code},用于{purpose},{minutes}分钟内有效,请勿泄露。',
};

/** Chinese for numbers with calling code 86 (mainland China), English otherwise. */
export const languageFor = (to: string | undefined): Language => (to?.startsWith('+86') ? 'zh' : 'en');

/**
 * Renders the SMS text: `template` (the RESDIR_SMS_TEMPLATE setting) if given, else the default
 * for the language of the number. Placeholders: {code} {minutes} {purpose}; others stay as written.
 */
export function renderSms(p: SmsPayload, to?: string, template?: string): string {
  const lang = languageFor(to);
  const purpose = PURPOSE_TEXT[lang][p.purpose] ?? FALLBACK_PURPOSE[lang];
  return (template ?? DEFAULT_TEMPLATES[lang]).replace(/\{(code|minutes|purpose)\}/g, (_, k: string) =>
    k === 'code' ? p.code : k === 'minutes' ? String(p.minutes) : purpose,
  );
}
