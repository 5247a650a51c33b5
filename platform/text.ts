/**
 * What a piece of text must be to be stored or shown: the one definition the API's checks and
 * the token's subject share.
 */

/**
 * C0 and C1 control characters, DEL and unpaired UTF-16 surrogates: PostgreSQL refuses NUL in
 * text, a lone surrogate is no character at all (it would be stored as U+FFFD, not as sent),
 * and none of the others belongs in a name, an address, an id or a subject.
 */
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]|\p{Cs}/u;
/** A letter, digit, punctuation mark or symbol: what a reader sees (not spaces, not U+200B). */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

export function hasControlCharacter(value: string): boolean {
  return CONTROL.test(value);
}

export function hasVisibleCharacter(value: string): boolean {
  return VISIBLE.test(value);
}
