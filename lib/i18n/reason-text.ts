import { variantOf, type Reason, type ReasonArg } from '../phase/reasons';
import type { AsiExcluded, AsiUnknown } from '../signals/asi';
import { cachedIntl } from '../core/intl';
import type { Translate } from './translate';

/*
 * Reasons in the reader's language, from their parameters (lib/i18n/messages/reasons.json), for the popup
 * and the worker's badge view (the content script only shows the view's strings). It never throws: a
 * stored reason may be from an older version, or hand-edited.
 */

/** A message name from a rule id or phrase code: `stage.eth-rotation.ethbtc` → `stage_eth_rotation_ethbtc`. */
const name = (s: string) => s.replace(/\W/g, '_');

/** The message `key_variant`, else `key`, with the parameters formatted; throws when neither exists. */
function say(t: Translate, nf: Intl.NumberFormat, key: string, args: ReasonArg[], variant?: string): string {
  const subs = args.map((a) =>
    typeof a === 'number'
      ? nf.format(a)
      : a && typeof a === 'object'
        ? say(t, nf, `reason_p_${name(a.code)}`, a.args ?? [])
        : String(a ?? ''),
  );
  const k = variant ? `${key}_${variant}` : key;
  const s = t(k, ...subs);
  if (s && s !== k) return s;
  if (variant) return say(t, nf, key, args);
  throw 0;
}

// One formatter per locale and sign display (cachedIntl): a popup's first render formats a few dozen reasons.
const numbers = (locale: string | undefined, sign?: boolean): Intl.NumberFormat =>
  cachedIntl(
    `reason:${locale ?? ''}|${sign ? 1 : 0}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: sign ? 'exceptZero' : 'auto' }),
  );

/**
 * The reason's sentence: the message `reason_<template or rule>_<variant>` (variant stale, unknown, pass or
 * fail), else `reason_<rule>`, with its parameters. Falls back to the engine's English `text` for a rule
 * without a message and for a reason stored before parameters existed. `locale` formats the numbers
 * (default: the browser's).
 */
export function reasonText(r: Reason, t: Translate, locale?: string): string {
  if (!r.args) return r.text;
  try {
    return say(t, numbers(locale, r.sign), `reason_${name(r.template ?? r.rule)}`, r.args, variantOf(r));
  } catch {
    return r.text;
  }
}

/** The phrase `code` with its parameters, or `fallback` without parameters or a message. */
function phrase(
  code: string | undefined,
  args: ReasonArg[] | undefined,
  fallback: string,
  t: Translate,
  locale?: string,
): string {
  if (!code || !args) return fallback;
  try {
    return say(t, numbers(locale), `reason_p_${name(code)}`, args);
  } catch {
    return fallback;
  }
}

/** Why the ASI is unknown, in words; the engine's English `why` for a snapshot without a code. */
export const asiWhyText = (u: AsiUnknown, t: Translate, locale?: string): string =>
  phrase(u.code && `asi.${u.code}`, u.args ?? [], u.why, t, locale);

/** Why a coin was left out of the ASI, in words; the engine's English `why` for a snapshot without parameters. */
export const exclusionText = (x: AsiExcluded, t: Translate, locale?: string): string =>
  phrase(`excl.${x.reason}`, x.args, x.why, t, locale);

/** One phrase of a reason's parameters (e.g. `{ code: 'trend.falling' }`) in the reader's language; '' if unknown. */
export function phraseText(a: ReasonArg | undefined, t: Translate, locale?: string): string {
  if (!a || typeof a !== 'object') return typeof a === 'number' ? numbers(locale).format(a) : String(a ?? '');
  try {
    return say(t, numbers(locale), `reason_p_${name(a.code)}`, a.args ?? []);
  } catch {
    return '';
  }
}
