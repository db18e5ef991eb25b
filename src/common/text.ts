/** Text helpers several features share. */

/** Lower case without diacritics, for searching names ("Åsa" finds "asa"). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** A multi-select ChoiceSet's value ("a,b") as a list. */
export function splitChoice(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}
