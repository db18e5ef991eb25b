/**
 * "Ingen ersättare vid frånvaro": does an RSVP comment offer someone to come in the member's place,
 * in Swedish or English? Keywords are matched on a lower-cased text without diacritics
 * ("ersattare" typed without å/ä counts too); patterns that need a name ("Anna kommer istället",
 * "sending Anna instead") are matched on the original text. A comment that sends written views
 * instead ("skickar synpunkter istället") is not a substitute.
 */
const PERSON_SV = String.raw`(?:kollega\w*|medarbetare\w*|\w*chef\w*|bitradande|nagon annan|en annan|handlaggare\w*|samordnare\w*|strateg\w*|utvecklingsledare\w*|ombud)`;
const PERSON_EN = String.raw`(?:colleague|co-?worker|manager|someone|somebody|deputy|assistant|director|officer|coordinator|advisor|adviser|head of)`;
const NEAR = String.raw`[^.!?\n]{0,40}`;

const KEYWORDS: readonly RegExp[] = [
  // Swedish
  /\bersatt(are|arna|aren|ande)\b/,
  /\bersatt(a|er) (mig|henne|honom|oss)\b/,
  /\bvikari(e|er|en|erna|era|erar)\b/,
  /\bsuppleant(en|er|erna)?\b/,
  /\bstallforetrad(are|ande)\b/,
  /\bi (mitt|hennes|hans|vart) stalle\b/,
  /\b(istallet|i stallet) for mig\b/,
  /\bfor (min|var) rakning\b/,
  /\b(tar|ta) (over )?min plats\b/,
  /\b(foretrader|foretrada|representerar|representera) (mig|oss)\b/,
  new RegExp(String.raw`\b(skick|sand)(ar|a|er)\b${NEAR}\b${PERSON_SV}\b`),
  new RegExp(String.raw`\b(min|en|var) ${PERSON_SV}${NEAR}\b(istallet|i stallet)\b`),
  // English
  /\bsubstitut(e|es|ed|ing)\b/,
  /\b(my|our|a|as) deput(y|ies)\b/,
  /\bdeputi[sz](e|es|ing)\b/,
  /\bstand-ins?\b/,
  /\bstand(s|ing)? in for (me|us)\b/,
  /\bfill(s|ing)? in for (me|us)\b/,
  /\bcover(s|ing)? for (me|us)\b/,
  /\bin (my|our) (place|stead)\b/,
  /\bon (my|our) behalf\b/,
  /\brepresent(s|ing)? (me|us)\b/,
  /\breplac(e|es|ing) (me|us)\b/,
  /\b(my|as|a) replacement\b/,
  /\b(by|my|a|as) proxy\b/,
  /\b(my|as|a) delegate\b/,
  new RegExp(String.raw`\bsend(s|ing)?\b${NEAR}\b${PERSON_EN}\b`),
  new RegExp(String.raw`\b(my|a|our) ${PERSON_EN}${NEAR}\binstead\b`),
];

/** Someone named (a capitalised word that is not a pronoun) who comes or is sent instead. */
const NAMED: readonly RegExp[] = [
  /(?<!\p{L})(?!(?:Jag|Vi|Hon|Han|De|Ni|Du|Det|Den|Mötet|Vem)\b)\p{Lu}\p{Ll}+\s+(?:kommer|deltar|går|närvarar|är med|medverkar)\b[^.!?\n]{0,30}(?:istället|i stället)\b/u,
  /\b(?:[Ss]kickar|[Ss]kicka|[Ss]änder)\s+(?:\p{L}+\s+){0,2}\p{Lu}\p{Ll}+\b[^.!?\n]{0,40}(?:istället|i stället)\b/u,
  /(?<!\p{L})(?!(?:I|We|She|He|They|You|It|This|That|Who)\b)\p{Lu}\p{Ll}+\s+(?:will|can|is going to|could|may)\s+(?:attend|come|join|go|be there)\b[^.!?\n]{0,30}\binstead\b/u,
  /\b(?:[Ss]end|[Ss]ending|[Ss]ends)\s+(?:\p{L}+\s+){0,2}\p{Lu}\p{Ll}+\b[^.!?\n]{0,40}\binstead\b/u,
];

function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/** True when the comment offers or names someone to come in the member's place. */
export function mentionsSubstitute(comment: string | null | undefined): boolean {
  if (!comment) return false;
  const plain = folded(comment);
  if (KEYWORDS.some((re) => re.test(plain))) return true;
  const original = comment.normalize('NFC').replace(/\s+/g, ' ');
  return NAMED.some((re) => re.test(original));
}
