import type { SmsReceiptReport } from './provider.js';

/** SMPP 3.4 message_state values (§5.2.28) and the receipt `stat:` words, mapped to ours. */
const BY_STATE: Record<number, SmsReceiptReport['state']> = {
  1: 'enroute',
  2: 'delivered',
  3: 'undelivered',
  4: 'undelivered',
  5: 'undelivered',
  6: 'accepted',
  7: 'undelivered',
  8: 'undelivered',
};
const BY_STAT: Record<string, SmsReceiptReport['state']> = {
  ENROUTE: 'enroute',
  DELIVRD: 'delivered',
  EXPIRED: 'undelivered',
  DELETED: 'undelivered',
  UNDELIV: 'undelivered',
  ACCEPTD: 'accepted',
  UNKNOWN: 'undelivered',
  REJECTD: 'undelivered',
};

/** The fields of a deliver_sm (or data_sm) PDU a receipt is read from, as the smpp package decodes them. */
export interface ReceiptPdu {
  esm_class?: number;
  short_message?: { message?: string | Buffer } | string | Buffer;
  message_payload?: { message?: string | Buffer } | string | Buffer;
  receipted_message_id?: string;
  message_state?: number;
  network_error_code?: Buffer | { error_code?: number };
}

const text = (v: ReceiptPdu['short_message']): string => {
  const m = v !== null && typeof v === 'object' && !Buffer.isBuffer(v) ? v.message : v;
  return m === undefined ? '' : Buffer.isBuffer(m) ? m.toString('latin1') : String(m);
};

/**
 * Reads a delivery receipt: the receipted_message_id and message_state TLVs when present,
 * otherwise the de-facto text `id:… sub:… dlvrd:… submit date:… done date:… stat:… err:…`.
 * Undefined when the PDU is not a receipt (esm_class bit 0x04 unset) or names no message.
 * The text's `text:` field (the start of the SMS) is never kept.
 */
export function parseSmppReceipt(pdu: ReceiptPdu): SmsReceiptReport | undefined {
  if (((pdu.esm_class ?? 0) & 0x04) === 0) return undefined;
  const body = text(pdu.short_message) || text(pdu.message_payload);
  const id = pdu.receipted_message_id || /(?:^|\s)id:(\S+)/i.exec(body)?.[1];
  const stat = /(?:^|\s)stat:(\w+)/i.exec(body)?.[1]?.toUpperCase();
  const err = /(?:^|\s)err:(\w+)/i.exec(body)?.[1];
  const state =
    (pdu.message_state !== undefined ? BY_STATE[pdu.message_state] : undefined) ?? (stat ? BY_STAT[stat] : undefined);
  if (!id || !state) return undefined;
  return {
    providerMessageId: id,
    state,
    detail:
      [stat && `stat:${stat}`, err && `err:${err}`].filter(Boolean).join(' ') || `message_state:${pdu.message_state}`,
  };
}
