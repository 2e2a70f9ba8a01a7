import { isIP } from 'node:net'
import { en, en_GB, es, fr, it } from '@faker-js/faker'
import { round } from '../model/categories.js'
import { luhnValid } from '../model/check-digits.js'
import { fold, isKnownName, NAME_PARTICLES } from '../model/name-words.js'
import type { PortableType } from '../schema/schema.js'
import { DATE_TYPES, TEXT_TYPES } from '../schema/type-groups.js'
import type { PiiKind } from '../model/pii-kinds.js'

/**
 * Finds columns that hold personal data, from the column's name and type, from a sample of its values, or both.
 * Pure: the caller reads the sample. No sampled value ever appears in a result, only counts, so findings can be
 * printed, logged and committed.
 */

/** Why a column's name suggests a kind. */
export interface NameHit {
  kind: PiiKind
  /** 0..1: how specific the name is (`ssn` 0.85, `mobile` 0.6, `notes` 0.3). */
  confidence: number
  evidence: string
}

/** What a sample of values shows. */
export interface ContentHit {
  kind: PiiKind
  /** The share of non-blank sampled values that support the kind, 0..1. */
  share: number
  confidence: number
  evidence: string[]
}

/** A column judged to hold personal data, with the reasons in words and without any sampled value. */
export interface PiiFinding {
  kind: PiiKind
  /** 0..1, two decimals. */
  confidence: number
  evidence: string[]
}

/** The part of a schema `Column` that detection reads; a whole `Column` will do. */
export interface ColumnInfo {
  name: string
  type: PortableType
  /**
   * Part of the table's primary key or of a foreign key. A key's name says what it points at, not what it holds
   * (`phonenumbertypeid`, `creditcardid`): only its values can make it PII.
   */
  key?: boolean
}

/** A kind is reported from content when at least this share of sampled values match it. */
export const MATCH_SHARE = 0.6
/** Content this clear overrides a name that says something else. */
export const STRONG_SHARE = 0.8
/** Free text counts when this share of values is prose… */
export const PROSE_SHARE = 0.3
/**
 * …and this share of values contain an email, phone, SSN or card number. Low on purpose: one note in fifty
 * carrying a phone number already leaks it, and in the usual 1,000-value sample that is 20 values, not a fluke.
 */
export const CONTAINS_SHARE = 0.02

// -----------------------------------------------------------------------------------------------------------
// Validators

// The Luhn check lives with the model's check digits, which generation keeps (issue 17.2).
export { luhnValid }

/** IBAN lengths of common countries; others are only held to the generic 15–34 and the checksum. */
// prettier-ignore
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AT: 20, BE: 16, CH: 21, DE: 22, DK: 18, ES: 24, FI: 18, FR: 27, GB: 22, IE: 22, IT: 27, LU: 20, NL: 18, NO: 15,
  PL: 28, PT: 25, SE: 24,
}

/**
 * Whether a text is an IBAN: country code, check digits, account, and the ISO 13616 mod-97 checksum. Spaces and
 * lower case are accepted, as printed IBANs have them.
 *
 * @example
 * ibanValid('GB82 WEST 1234 5698 7654 32') // true
 */
export function ibanValid(text: string): boolean {
  const iban = text.replace(/\s+/g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false
  const length = IBAN_LENGTHS[iban.slice(0, 2)]
  if (length !== undefined && iban.length !== length) return false
  let rest = 0
  for (const ch of iban.slice(4) + iban.slice(0, 4)) {
    const n = parseInt(ch, 36)
    rest = (rest * (n < 10 ? 10 : 100) + n) % 97
  }
  return rest === 1
}

/**
 * Whether a US Social Security number is one the SSA can issue: area not 000, 666 or 900–999, group not 00,
 * serial not 0000. Dashes or spaces between the parts are optional.
 *
 * @example
 * ssnValid('123-45-6789') // true
 */
export function ssnValid(value: string): boolean {
  const m = /^(\d{3})([- ]?)(\d{2})\2(\d{4})$/.exec(value.trim())
  if (m === null) return false
  const [area = '', group = '', serial = ''] = [m[1], m[3], m[4]]
  return area !== '000' && area !== '666' && !area.startsWith('9') && group !== '00' && serial !== '0000'
}

const SSN_SHAPE = /^\d{3}[- ]\d{2}[- ]\d{4}$/

/** A UK National Insurance number; the prefixes HMRC never issues are excluded. */
const NINO = /^(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]$/i

/** Whether a French NIR (numéro de sécurité sociale) has a valid key: 97 − (the first 13 digits mod 97). */
export function nirValid(value: string): boolean {
  const m = /^([12]\d{4}(?:\d{2}|2A|2B)\d{6})(\d{2})$/.exec(value.replace(/\s+/g, '').toUpperCase())
  if (m === null) return false
  const body = BigInt((m[1] ?? '').replace('2A', '19').replace('2B', '18')) // Corsica, as INSEE specifies
  return 97n - (body % 97n) === BigInt(m[2] ?? '')
}

/**
 * Whether a value is a US National Provider Identifier: ten digits starting 1 or 2 whose Luhn check, computed
 * with the card-issuer prefix 80840 in front as CMS specifies, holds.
 *
 * @example
 * npiValid('1234567893') // true
 */
export function npiValid(value: string): boolean {
  return /^[12]\d{9}$/.test(value) && luhnValid(`80840${value}`)
}

/** Whether a value is a national ID dbtwin can validate: US SSN (with separators), UK NINO, French NIR, US NPI. */
export function isNationalId(value: string): boolean {
  return (SSN_SHAPE.test(value) && ssnValid(value)) || NINO.test(value) || nirValid(value) || npiValid(value)
}

/** Card network IIN ranges as [prefix digits, from, to] (ISO/IEC 7812 registrations of the major networks). */
const IIN_RANGES: readonly (readonly [number, number, number])[] = [
  [1, 4, 4], // Visa
  [2, 51, 55], // Mastercard
  [4, 2221, 2720], // Mastercard 2-series
  [2, 34, 34], // American Express
  [2, 37, 37], // American Express
  [3, 300, 305], // Diners Club
  [2, 36, 36], // Diners Club
  [2, 38, 39], // Diners Club
  [4, 3528, 3589], // JCB
  [2, 50, 50], // Maestro
  [2, 56, 69], // Maestro, Discover (6011, 644–649, 65), UnionPay (62)
]

/**
 * Whether a value is a payment card number: 13–19 digits, single spaces or dashes between groups, a known
 * network prefix and a valid Luhn checksum.
 *
 * @example
 * isPaymentCard('4111 1111 1111 1111') // true
 */
export function isPaymentCard(value: string): boolean {
  if (!/^\d+(?:[ -]\d+)*$/.test(value)) return false
  const digits = value.replace(/[ -]/g, '')
  if (digits.length < 13 || digits.length > 19) return false
  const known = IIN_RANGES.some(([n, from, to]) => {
    const prefix = Number(digits.slice(0, n))
    return prefix >= from && prefix <= to
  })
  return known && luhnValid(digits)
}

const LABEL = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?'
/** The local part's characters are RFC 5322's atext; the domain needs a dot and a letters-only top level. */
const EMAIL = new RegExp(`^[a-z0-9.!#$%&'*+/=?^_\`{|}~-]+@${LABEL}(?:\\.${LABEL})*\\.[a-z]{2,}$`, 'i')

/** Whether a value is an email address with a dotted domain. */
export function isEmail(value: string): boolean {
  return EMAIL.test(value)
}

/**
 * Whether a value is a phone number: 7–15 digits (E.164's maximum) with an optional extension, written as
 * E.164 (`+4930…`), with separators in at least three groups (`(555) 123-4567`), or with a national trunk 0
 * (`0612345678`, `017853 30703`). Bare digit runs, decimals and dates are not phones: ids and amounts look like
 * them.
 *
 * @example
 * isPhone('+1 (555) 123-4567 x89') // true
 */
export function isPhone(value: string): boolean {
  const main = value.replace(/\s*(?:x|ext\.?|#)\s*\d{1,6}$/i, '')
  if (!/^(?:\+|00)?[\d ().\/-]+$/.test(main) || /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/.test(main)) return false
  const digits = main.replace(/\D/g, '')
  if (digits.length < 7 || digits.length > 15) return false
  const groups = main.split(/[ ().\/-]+/).filter((g) => g !== '')
  if (/^(?:\+|00)/.test(main) || main.includes('(') || groups.length >= 3) return true
  return groups[0]?.startsWith('0') === true && digits.length >= 10
}

/** Whether a value is an IPv4 or IPv6 address, with or without a `/prefix` as PostgreSQL's `inet` prints it. */
export function isIpAddress(value: string): boolean {
  return isIP(value.replace(/\/\d{1,3}$/, '')) !== 0
}

/**
 * Whether a value has a postcode format that a plain number cannot have: US ZIP+4, UK, Canadian or Dutch. Bare
 * 4–5 digit codes (US ZIP, DE, FR, ES…) count only when the column's name says postcode, in {@link detectPii}.
 */
export function isPostcode(value: string): boolean {
  return (
    /^\d{5}-\d{4}$/.test(value) ||
    /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i.test(value) ||
    /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i.test(value) ||
    /^[1-9]\d{3} ?[A-Z]{2}$/i.test(value)
  )
}

/** Whether a value is a password hash: modular crypt (`$2b$…`, `$argon2id$…`, `$6$…`) or Django's format. */
export function isPasswordHash(value: string): boolean {
  return (
    /^\$[a-z0-9-]{1,12}\$\S{20,}$/i.test(value) ||
    /^(?:pbkdf2_sha\d+|bcrypt_sha256|argon2|scrypt)\$\S{20,}$/.test(value)
  )
}

/** Street words that stand alone: abbreviations and the words faker does not list. */
const STREET_WORDS =
  words(`st str rd ave av avda blvd bd ln dr ct pl sq hwy pkwy cres street road lane rue chemin route calle
    avenida paseo plaza carrer via viale piazza strasse weg gasse platz straat laan plein gracht kade`)
/** German and Dutch street names are compounds (`Hauptstrasse`, `Kerkstraat`), recognized by their ending. */
const STREET_ENDINGS = words(`strasse str straat weg gasse laan platz plein gracht dijk allee damm kade singel
  plantsoen steeg park`)

let streetWords: Set<string> | undefined
function isStreetWord(word: string): boolean {
  streetWords ??= new Set([
    ...STREET_WORDS,
    ...[en, en_GB, es, it].flatMap((l) => l.location?.street_suffix ?? []).map(fold),
    ...(fr.location?.street_prefix ?? []).map(fold),
  ])
  return streetWords.has(word) || STREET_ENDINGS.some((e) => word.length > e.length + 2 && word.endsWith(e))
}

/**
 * Whether a value reads as a street address: 2–12 words, a street word (`Street`, `Rd`, `rue`, `calle`,
 * `Straße`, `…straat`; faker's English, French, Spanish and Italian lists included) and a house number (or the
 * Spanish `s/n`) where addresses put it: first (`12 rue…`), second (`Flat 3, 12 High Street`), last, right
 * after the street word (`Kolberger Str. 21c 4 OG`) or anywhere after a leading one (`Calle Diego, 5 1º B`). A
 * number elsewhere is prose: `seen by Dr Smith on 3 May`.
 *
 * @example
 * isStreetAddress('Hauptstraße 12a') // true
 */
export function isStreetAddress(value: string): boolean {
  const tokens = fold(value)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
  if (tokens.length < 2 || tokens.length > 12) return false
  const isNumber = (token: string | undefined) => token !== undefined && /^\d{1,5}[a-z]?$/.test(token)
  const street = tokens.findIndex(isStreetWord)
  if (street === -1) return false
  if (street === 0) return tokens.some(isNumber) || /\bs\/n\b/i.test(value)
  return [tokens[0], tokens[1], tokens.at(-1), tokens[street + 1]].some(isNumber)
}

const NAME_WORD = /^[\p{L}][\p{L}'’.-]*$/u

/** The shape of a written name: 1–5 letter-only words, the first one that is not a particle capitalized. */
function looksLikeName(value: string): boolean {
  const words = value.split(/\s+/)
  const first = words.find((w) => !NAME_PARTICLES.has(w)) ?? ''
  return words.length <= 5 && words.every((w) => NAME_WORD.test(w)) && /^\p{Lu}/u.test(first)
}

/**
 * Whether a value is a person's name: the shape of one, and at least one word a known first or last name in
 * faker's English, German, French, Spanish, Dutch or Italian lists.
 *
 * @example
 * isPersonName('Josefien van Vliet') // true
 */
export function isPersonName(value: string): boolean {
  const words = value.split(/\s+/)
  return looksLikeName(value) && !words.some((w) => COMPANY_WORDS.has(fold(w))) && words.some(isKnownName)
}

/** Company names are often surnames with a legal form or a joining word (`Kuhn LLC`, `Guyot et Robert`). */
const COMPANY_WORDS = new Set(
  words(`inc llc ltd plc gmbh ag kg sa s.a. sl s.l. sarl sas eurl sem scop gie bv nv corp co group hermanos
    hijos asociados and und et en`),
)

// -----------------------------------------------------------------------------------------------------------
// Detection by name

const TEXT: readonly PortableType[] = [...TEXT_TYPES]
const WHOLE: readonly PortableType[] = ['smallint', 'integer', 'bigint', 'decimal']
const DATES: readonly PortableType[] = [...DATE_TYPES]

interface NameRule {
  kind: PiiKind
  confidence: number
  types: readonly PortableType[]
  /**
   * Matched on whole tokens of the column name: `_` also matches no separator (`first_name` finds `firstName`
   * and `FIRSTNAME`), `*` any letters (`phone*` finds `phones`, `phonenumber`), and trailing digits are allowed
   * (`address2`).
   */
  patterns: readonly RegExp[]
  /** Tokens that make the name mean something else (`mac_address`, `lieu_naissance`). */
  unless: readonly string[]
}

/** Splits a whitespace-separated word list: tables of words read better as text than as quoted arrays. */
function words(list: string): string[] {
  return list.trim().split(/\s+/)
}

function rule(
  kind: PiiKind,
  confidence: number,
  types: readonly PortableType[],
  list: string,
  unless = '',
): NameRule {
  return {
    kind,
    confidence,
    types,
    patterns: words(list).map(wordPattern),
    unless: unless === '' ? [] : words(unless),
  }
}

const WILD = '[a-z0-9]*'

function wordPattern(word: string): RegExp {
  const body = word
    .split('_')
    .map(
      (part) =>
        (part.startsWith('*') ? WILD : '') + part.replace(/^\*|\*$/g, '') + (part.endsWith('*') ? WILD : ''),
    )
    .join('_?')
  return new RegExp(`(?:^|_)${body}\\d*(?=_|$)`)
}

const PHONE_TYPES: readonly PortableType[] = [...TEXT, 'integer', 'bigint', 'decimal']
const ID_TYPES: readonly PortableType[] = [...TEXT, ...WHOLE]
const ZIP_TYPES: readonly PortableType[] = [...TEXT, 'smallint', 'integer', 'bigint']
const IP_TYPES: readonly PortableType[] = [...TEXT, 'inet', 'integer', 'bigint', 'binary']
const SECRET_TYPES: readonly PortableType[] = [...TEXT, 'binary']

/** Name rules in English, German, French, Spanish and Dutch (some Italian); the most confident match wins. */
// prettier-ignore
const NAME_RULES: readonly NameRule[] = [
  rule('email', 0.85, TEXT, `e_mail* *email courriel* correo_electronico mail_address mailadres* adresse_mail
    adresse_electronique`),
  rule('email', 0.6, TEXT, 'mail correo'),
  rule('phone', 0.8, PHONE_TYPES, `*phone* tel tel_no tel_nr telefon* telefoon* handynummer mobilnummer
    mobile_number numero_tel* num_tel*`),
  rule('phone', 0.6, PHONE_TYPES, 'mobile mobil mobiel movil celular cell handy gsm fax* portable'),
  rule('national-id', 0.85, ID_TYPES, `ssn npi national_provider_id* social_security* nino ni_number national_insurance* national_id*
    nir numero_secu* num_secu* securite_sociale nss numero_seguridad_social steuer_id*
    steueridentifikationsnummer steuernummer sozialversicherungsnummer svnr dni nie nif curp bsn
    burgerservicenummer sofinummer codice_fiscale`),
  rule('national-id', 0.7, ID_TYPES, `passport* reisepass* passeport* pasaporte* paspoort* tax_id taxpayer_id
    tax_number id_card* id_number personalausweis* ausweis* driver_licen* drivers_licen* driving_licen*
    licen*_number`),
  rule('record-number', 0.75, [...ID_TYPES, 'uuid'], `mrn medical_record* record_number patient_number
    chart_number policy_number policy_no policy_num member_number member_no membership_number membership_no
    insurance_number insurance_no subscriber_number customer_number versichertennummer`),
  rule('payment-card', 0.85, ID_TYPES, `card_number card_no card_num cc_number cc_num credit_card* debit_card*
    kreditkarte* kartennummer numero_carte carte_bancaire carte_credit tarjeta* kaartnummer cvv* cvc
    card_pan`),
  rule('payment-card', 0.6, ID_TYPES, 'pan'),
  rule('iban', 0.9, TEXT, 'iban*'),
  rule('iban', 0.6, ID_TYPES, `account_number account_no bank_account* kontonummer konto_nr rekeningnummer
    numero_compte numero_cuenta cuenta_bancaria`),
  rule('ip-address', 0.8, IP_TYPES, `ip ip_addr* ipv4* ipv6* remote_addr* adresse_ip ip_adresse
    direccion_ip`),
  rule('person-name', 0.85, TEXT, `first_name* last_name* full_name given_name* family_name surname*
    middle_name* maiden_name forename* vorname* nachname* familienname geburtsname prenom* nom_de_famille
    nom_famille nom_complet apellido* nombre_completo nombre_pila voornaam voornamen achternaam familienaam
    tussenvoegsel cognome`),
  rule('person-name', 0.7, TEXT, 'fname lname'),
  rule('username', 0.75, TEXT, `user_name* login login_name user_login screen_name nickname benutzername
    nom_utilisateur identifiant pseudo nombre_usuario usuario gebruikersnaam`),
  rule('credential', 0.85, SECRET_TYPES, `password* passwd pwd passwort kennwort mot_de_passe mdp contrasena
    wachtwoord secret api_key* private_key *token salt pass_crypt crypted_password ha1 authorization_code
    auth_code`),
  rule('credential', 0.6, SECRET_TYPES, 'pin pin_code clave'),
  // Pictures and files count only where they are of a person (see detectPii): a product photo is not personal.
  rule('image', 0.7, [...TEXT, 'binary'], `photo* picture* avatar* portrait* headshot* mugshot* selfie*
    profile_image profile_pic* image*`),
  rule('document', 0.7, ['binary'], `document* scan* attachment* upload* file file_data file_content pdf*
    contract* id_card* passport*`),
  rule('street-address', 0.75, TEXT, `address* addr street* strasse* anschrift adresse rue calle direccion*
    domicilio straat* adres indirizzo house_number hausnummer huisnummer`,
    'mac wallet web url memory contract bitcoin crypto server host hardware bluetooth'),
  rule('postcode', 0.75, ZIP_TYPES, `zip* postcode* post_code postal_code postleitzahl plz code_postal
    codigo_postal cod_postal eircode postnummer`),
  rule('postcode', 0.5, ZIP_TYPES, 'cp'),
  rule('birth-date', 0.85, [...DATES, ...TEXT], `dob birth_date* date_of_birth birth_day born_on geburtsdatum
    geburtstag geb_datum date_naissance date_de_naissance naissance fecha_nacimiento fecha_de_nacimiento
    nacimiento geboortedatum data_nascita data_di_nascita`,
    'place lieu ort lugar plaats city country pays pais land'),
  rule('birth-date', 0.6, ['year', 'smallint', 'integer', ...TEXT], `birth_year year_of_birth geburtsjahr
    annee_naissance annee_de_naissance ano_nacimiento geboortejaar`),
  rule('free-text', 0.3, TEXT, `description* desc note* comment* remark* memo bio biography about message*
    body observation* anamnesis bemerkung* kommentar* notiz* beschreibung anmerkung* remarque* nota notas
    comentario* observaciones descripcion opmerking* omschrijving beschrijving notitie* toelichting text
    content details reason`),
]

/** A last token that makes the column describe a value rather than hold it (`email_verified`, `phone_type`). */
const NOT_A_VALUE = new Set(
  words(`id ids uuid fk ref type types kind status state count cnt verified confirmed valid validated flag
    enabled disabled format template consent optin opt in out preference preferences at on time sent changed
    updated domain visibility visible public length len policy provider source label category language lang
    locale required hint country prefix ext extension`),
)
/** A first token that makes a numeric column count things (`num_phones`). */
const COUNT_PREFIXES = new Set(words('num nb n count total max min'))
const INTEGRAL_OR_UUID: readonly PortableType[] = ['smallint', 'integer', 'bigint', 'uuid']

/** A name as lower-case ASCII tokens: `patientFirstName` → patient, first, name; pure numbers dropped. */
function nameTokens(name: string): string[] {
  return fold(name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2'))
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '' && !/^\d+$/.test(t))
}

/**
 * What a column's name (and type) suggests it holds, in English, German, French, Spanish and Dutch. Integer
 * `*_id` columns, counters (`num_phones`) and columns about a value (`email_verified`, `phone_type`) are never
 * PII; a bare `name` is a person's only on a table of people (`patients`, `customers`, `staff`, `kunden`…).
 *
 * @example
 * detectByName({ name: 'Vorname', type: 'varchar' }, 'kunden') // { kind: 'person-name', confidence: 0.85, … }
 * detectByName({ name: 'name', type: 'text' }, 'departments') // null
 */
export function detectByName(column: ColumnInfo, table: string): NameHit | null {
  const tokens = nameTokens(column.name)
  const last = tokens.at(-1)
  if (last === undefined) return null
  if (column.key === true) return null
  // A surrogate key glued into one word (`creditcardid`, `phonenumbertypeid`): a number ending in id holds no PII.
  if (INTEGRAL_OR_UUID.includes(column.type) && (last === 'id' || (last.length > 4 && last.endsWith('id'))))
    return null
  if (WHOLE.includes(column.type) && COUNT_PREFIXES.has(tokens[0] ?? '')) return null
  const joined = tokens.join('_')
  let best = personInContext(tokens, column, table)
  for (const rule of NAME_RULES) {
    if ((best !== null && rule.confidence <= best.confidence) || !rule.types.includes(column.type)) continue
    if (rule.unless.some((t) => tokens.includes(t))) continue
    const holdsValue = rule.patterns.some((p) => {
      const m = p.exec(joined)
      return m !== null && (m.index + m[0].length === joined.length || !NOT_A_VALUE.has(last))
    })
    if (holdsValue)
      best = {
        kind: rule.kind,
        confidence: rule.confidence,
        evidence: `name "${column.name}" matches ${rule.kind}`,
      }
  }
  return best
}

/** Words that name a person only in context: on a people table, or next to a people word (`patient_name`). */
const GENERIC_NAMES = new Set(words('name display_name legal_name preferred_name nom nombre naam nome'))
const CONNECTIVES = new Set(words('de du del des of van der la'))
/** Singular stems; a token matches with up to two more letters (`users`, `kunden`, `clientes`, `personnel`). */
const PEOPLE =
  words(`patient user customer client employee employe empleado provider staff person people personne persona
    member contact author student teacher doctor physician nurse guest passenger driver applicant candidate
    subscriber owner manager actor editor kunde mitarbeiter benutzer nutzer utilisateur usuario paciente klant
    medewerker gebruiker leerling eleve alumno adherent`)

function isPeopleWord(token: string): boolean {
  return PEOPLE.some((s) => token.startsWith(s) && token.length - s.length <= 2)
}

/**
 * Whether a table is about people: the head noun of its name, its last word, is a people word (`app_users`,
 * `patients`, `Kunden`). `user_roles` is about roles.
 */
export function isPeopleTable(table: string): boolean {
  const head = nameTokens(table).at(-1)
  return head !== undefined && isPeopleWord(head)
}

function personInContext(tokens: readonly string[], column: ColumnInfo, table: string): NameHit | null {
  if (!TEXT.includes(column.type)) return null
  const hit = (confidence: number, why: string): NameHit => ({
    kind: 'person-name',
    confidence,
    evidence: `name "${column.name}" ${why} matches person-name`,
  })
  if (GENERIC_NAMES.has(tokens.join('_'))) {
    if (isPeopleTable(table)) return hit(0.65, `on people table "${table}"`)
    // `old_editor_name`, `user_names`: a table of people's names.
    const words = nameTokens(table)
    const namesOfPeople = GENERIC_NAMES.has(words.at(-1)?.replace(/s$/, '') ?? '') && words.some(isPeopleWord)
    return namesOfPeople ? hit(0.65, `on table of people's names "${table}"`) : null
  }
  const rest = tokens.filter((t) => !CONNECTIVES.has(t))
  const named = rest.length === 2 && rest.some((t) => GENERIC_NAMES.has(t)) && rest.some(isPeopleWord)
  return named ? hit(0.7, 'with a people word') : null
}

// -----------------------------------------------------------------------------------------------------------
// Detection by content

interface ContentCheck {
  kind: PiiKind
  /** A content-only finding's confidence at share 1: near 1 for checksummed formats, less for heuristics. */
  strength: number
  /** Plural noun for evidence: `… values are ${noun}`. */
  noun: string
  strict: (value: string) => boolean
  /** A looser test, trusted only when the column's name already says this kind. */
  relaxed?: (value: string) => boolean
}

/** In priority order: a value matching several (an SSN is also phone-shaped) goes to the most specific. */
const CHECKS: readonly ContentCheck[] = [
  { kind: 'payment-card', strength: 0.95, noun: 'valid payment card numbers', strict: isPaymentCard },
  { kind: 'iban', strength: 0.95, noun: 'valid IBANs', strict: ibanValid },
  {
    kind: 'national-id',
    strength: 0.95,
    noun: 'valid national IDs (SSN, NINO, NIR or NPI)',
    strict: isNationalId,
    relaxed: (v) => /^\d{9}$/.test(v) && ssnValid(v),
  },
  { kind: 'email', strength: 0.95, noun: 'valid emails', strict: isEmail },
  { kind: 'ip-address', strength: 0.95, noun: 'IP addresses', strict: isIpAddress },
  {
    kind: 'credential',
    strength: 0.9,
    noun: 'password hashes',
    strict: isPasswordHash,
    relaxed: (v) => v.length >= 6 && !/\s/.test(v),
  },
  {
    kind: 'postcode',
    strength: 0.8,
    noun: 'postcodes',
    strict: isPostcode,
    relaxed: (v) => /^\d{4,5}$|^\d{2,5}-\d{3,4}$/.test(v),
  },
  {
    kind: 'phone',
    strength: 0.85,
    noun: 'phone numbers',
    strict: isPhone,
    relaxed: (v) => /^\+?\d{7,15}$/.test(v),
  },
  {
    kind: 'street-address',
    strength: 0.8,
    noun: 'street addresses',
    strict: isStreetAddress,
    relaxed: (v) => /\d/.test(v) && /\p{L}{2,}/u.test(v),
  },
  { kind: 'person-name', strength: 0.75, noun: 'person names', strict: isPersonName, relaxed: looksLikeName },
  {
    kind: 'birth-date',
    strength: 0,
    noun: 'plausible birth dates',
    strict: () => false, // every date column would match: a birth date is told by its name
    relaxed: (v) => /^(?:19|20)\d{2}(?:-\d{2}-\d{2}|$)|^\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}$/.test(v),
  },
  {
    kind: 'username',
    strength: 0,
    noun: 'user names',
    strict: () => false,
    relaxed: (v) => /^[\w.@+-]{2,64}$/.test(v),
  },
]

const EMAIL_IN_TEXT = /[\w.%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/i
const PHONE_IN_TEXT = /(?:\+|\()?\d[\d ().\/-]{5,20}\d/g

/** Finds of PII inside prose; each counts a value once per kind. */
const SCANS: readonly { kind: PiiKind; noun: string; found: (text: string) => boolean }[] = [
  { kind: 'email', noun: 'an email address', found: (t) => EMAIL_IN_TEXT.test(t) },
  {
    kind: 'phone',
    noun: 'a phone number',
    // An SSN is phone-shaped; it is counted as an SSN only.
    found: (t) => candidates(t, PHONE_IN_TEXT).some((c) => !SSN_SHAPE.test(c) && isPhone(c)),
  },
  {
    kind: 'national-id',
    noun: 'a US SSN',
    found: (t) => candidates(t, /\b\d{3}-\d{2}-\d{4}\b/g).some(ssnValid),
  },
  {
    kind: 'payment-card',
    noun: 'a payment card number',
    found: (t) => candidates(t, /\b\d(?:[ -]?\d){12,18}\b/g).some(isPaymentCard),
  },
]
function candidates(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[0].trim())
}

/**
 * Prose: at least five words, most of them words of letters. Coordinate system definitions (`PROJCS["NAD83 /
 * UTM zone 10N",…`, `+proj=utm +zone=10`) are long and spaced but not prose, and their numbers passed for phone
 * and card numbers in openstreetmap's spatial_ref_sys.
 */
function isProse(value: string): boolean {
  const words = value.split(/\s+/)
  return (
    words.length >= 5 &&
    countOf(words, (w) => /^[("'¿¡]?\p{L}[\p{L}'’-]*[.,;:!?)"']*$/u.test(w)) >= words.length / 2
  )
}

function countOf(values: readonly string[], test: (value: string) => boolean): number {
  return values.reduce((n, v) => (test(v) ? n + 1 : n), 0)
}

function sampledPhrase(matched: number, sampled: number, verb: string): string {
  return `${matched} of ${sampled} sampled values ${verb}`
}

/**
 * What a sample of a column's values shows, from validators (checksums where the format has one) and, for prose,
 * PII found inside it. Blank values are ignored. Null when no kind reaches its threshold.
 *
 * @example
 * detectByContent(['ann@example.com', 'bo@example.org']) // { kind: 'email', share: 1, confidence: 0.95, … }
 */
export function detectByContent(values: readonly string[]): ContentHit | null {
  const sample = values.map((v) => v.trim()).filter((v) => v !== '')
  const n = sample.length
  if (n === 0) return null
  for (const check of CHECKS) {
    if (check.strength === 0) continue
    const matched = countOf(sample, check.strict)
    if (matched / n >= MATCH_SHARE)
      return contentHit(check.kind, matched / n, check.strength, [
        sampledPhrase(matched, n, `are ${check.noun}`),
      ])
  }
  const prose = sample.filter(isProse)
  if (prose.length / n < PROSE_SHARE) return null
  const found = SCANS.map((s) => ({ ...s, count: countOf(prose, s.found) })).filter((s) => s.count > 0)
  const withPii = countOf(prose, (v) => SCANS.some((s) => s.found(v)))
  if (withPii / n < CONTAINS_SHARE) return null
  return {
    kind: 'free-text',
    share: round(withPii / n, 4),
    confidence: round(Math.min(0.9, 0.6 + withPii / n), 2),
    evidence: [
      sampledPhrase(prose.length, n, 'are free text'),
      ...found.map((s) => sampledPhrase(s.count, n, `contain ${s.noun}`)),
    ],
  }
}

function contentHit(kind: PiiKind, share: number, strength: number, evidence: string[]): ContentHit {
  return { kind, share: round(share, 4), confidence: round(strength * share, 2), evidence }
}

/** How far a sample supports one kind, the relaxed test included. Null for kinds with no value test. */
function supportFor(kind: PiiKind, sample: readonly string[]): ContentHit | null {
  const check = CHECKS.find((c) => c.kind === kind)
  if (check === undefined) return null
  const strict = countOf(sample, check.strict)
  const matched = countOf(sample, (v) => check.strict(v) || check.relaxed?.(v) === true)
  const verb = strict === matched ? `are ${check.noun}` : `look like ${check.noun}`
  return contentHit(kind, matched / sample.length, 1, [sampledPhrase(matched, sample.length, verb)])
}

// -----------------------------------------------------------------------------------------------------------
// Both

/** Kinds whose validators cover nearly every real format, so values failing them speak against the name. */
const CHECKABLE: ReadonlySet<PiiKind> = new Set(['email', 'phone', 'ip-address', 'iban', 'payment-card'])
const CONTRADICTED = 0.1
/**
 * Content alone, from a heuristic check (names, addresses, postcodes, phones), needs this many distinct values:
 * three alias types of which two read as names (`Artist name`, `Legal name`), or ten sales territories grouped
 * into `North America`, `Europe` and `Pacific`, are not a column of names.
 */
export const MIN_DISTINCT = 10

/** What a column's table says about it, beyond its name: see {@link detectPii}. */
export interface ColumnContext {
  /** The table is about people (`patients`, `app_users`): see {@link isPeopleTable}. */
  people: boolean
  /**
   * The table is about people or written by one: a people table, or one that references a people table directly
   * or through one other table (`encounters` → `patients`, `editor_collection_artist` → `editor_collection` →
   * `editor`).
   */
  personal: boolean
  /** The column alone is a unique key, and neither the primary key nor a foreign key. */
  uniqueAlone: boolean
  /** The names of the table's other columns. */
  siblings: readonly string[]
  /** For a binary column, a sample of its values (their first bytes suffice); null when none was read. */
  files: readonly Uint8Array[] | null
}

/** The context a table's name alone gives, when the caller knows nothing more. */
export function contextOf(table: string): ColumnContext {
  const people = isPeopleTable(table)
  return { people, personal: people, uniqueAlone: false, siblings: [], files: null }
}

/** Kinds that are personal only where the table is: a product photo, a film's blurb. */
const PERSONAL_ONLY: ReadonlySet<PiiKind> = new Set(['free-text', 'image', 'document'])
const ADDRESS_SIBLING = /addr|street|city|town|state|country|region|strasse|rue|calle|ciudad|ville|stadt/i
const PROFILE_LINK = new Set(words('url website web_site homepage home_page profile_url blog link'))

/**
 * Whether a column holds personal data, and why. Name and content agreeing gives at least 0.95; content alone
 * its share times the validator's strength; a name alone 0.3–0.9 by how specific it is, lowered when sampled
 * values contradict it. Content of {@link STRONG_SHARE} or more overrides a name that disagrees. `values` is a
 * sample of non-null values as strings, or null when none was read.
 *
 * The table's context decides what a name cannot: free text, pictures and documents are personal only on a table
 * about or written by people ({@link ColumnContext}); free text whose sampled values are short labels is not
 * prose; a unique column of a people table that nothing else explains is a record number; an `inet` on a
 * personal table is the person's IP; a bare postcode pattern counts only next to an address.
 *
 * @example
 * detectPii({ name: 'email', type: 'text' }, 'users', ['ann@example.com'])
 * // { kind: 'email', confidence: 0.99,
 * //   evidence: ['name "email" matches email', '1 of 1 sampled values are valid emails'] }
 */
export function detectPii(
  column: ColumnInfo,
  table: string,
  values: readonly string[] | null,
  context: ColumnContext = contextOf(table),
): PiiFinding | null {
  let byName = detectByName(column, table) ?? byContext(column, table, context)
  if (byName !== null && PERSONAL_ONLY.has(byName.kind) && !context.personal) byName = null
  if (column.type === 'binary') return fileFinding(byName, context)
  const sample = (values ?? []).map((v) => v.trim()).filter((v) => v !== '')
  const distinct = new Set(sample).size
  let byContent = detectByContent(sample)
  if (byContent !== null && byContent.kind !== byName?.kind) {
    const weak = (CHECKS.find((c) => c.kind === byContent?.kind)?.strength ?? 1) < 0.9
    const lonePostcode =
      byContent.kind === 'postcode' && !context.siblings.some((s) => ADDRESS_SIBLING.test(s))
    if ((weak && distinct < MIN_DISTINCT) || lonePostcode) byContent = null
  }
  // Short labels (`UK rock band`, `Eastern`) under a comment-like name are not prose.
  const labels = distinct >= MIN_DISTINCT && countOf(sample, isProse) / sample.length < PROSE_SHARE
  if (byName?.kind === 'free-text' && byContent === null && labels) byName = null
  if (byName === null)
    return byContent === null ? null : finding(byContent.kind, byContent.confidence, byContent.evidence)
  if (sample.length === 0) return finding(byName.kind, byName.confidence, [byName.evidence])

  const support = byContent?.kind === byName.kind ? byContent : supportFor(byName.kind, sample)
  const agrees = support !== null && (support === byContent || support.share >= MATCH_SHARE)
  if (agrees) return finding(byName.kind, 0.95 + 0.04 * support.share, [byName.evidence, ...support.evidence])
  if (byContent !== null && (byContent.share >= STRONG_SHARE || byContent.confidence > byName.confidence))
    return finding(byContent.kind, byContent.confidence, [
      ...byContent.evidence,
      `${byName.evidence}, but the values do not`,
    ])

  const evidence = [byName.evidence, ...(support?.evidence ?? []), ...(byContent?.evidence ?? [])]
  const contradicted = CHECKABLE.has(byName.kind) && support !== null && support.share < CONTRADICTED
  return finding(byName.kind, contradicted ? byName.confidence * 0.6 : byName.confidence, evidence)
}

/** What the table says about a column whose name says nothing by itself. */
function byContext(column: ColumnInfo, table: string, context: ColumnContext): NameHit | null {
  const tokens = nameTokens(column.name)
  const joined = tokens.join('_')
  const hit = (kind: PiiKind, confidence: number, why: string): NameHit => ({
    kind,
    confidence,
    evidence: `${why}: ${kind}`,
  })
  if (column.type === 'inet' && context.personal)
    return hit('ip-address', 0.75, `inet column "${column.name}" on a table about people`)
  if (!context.people) {
    const links = /(^|_)(social|profile)/.test(nameTokens(table).join('_'))
    return links && context.personal && TEXT.includes(column.type) && PROFILE_LINK.has(joined)
      ? hit('username', 0.6, `link "${column.name}" on profile table "${table}"`)
      : null
  }
  if (TEXT.includes(column.type) && PROFILE_LINK.has(joined))
    return hit('username', 0.6, `profile link "${column.name}" on people table "${table}"`)
  if (/(^|_)[a-z]*uid$|^external_id$/.test(joined))
    return hit('record-number', 0.6, `account id "${column.name}" on people table "${table}"`)
  if (context.uniqueAlone && [...TEXT, ...INTEGRAL_OR_UUID].includes(column.type))
    return hit('record-number', 0.6, `unique column "${column.name}" on people table "${table}"`)
  return null
}

/** Magic numbers of the formats people's pictures and scans come in. */
const FILE_MAGIC: readonly { kind: 'image' | 'document'; bytes: readonly number[]; at?: number }[] = [
  { kind: 'image', bytes: [0x89, 0x50, 0x4e, 0x47] }, // PNG
  { kind: 'image', bytes: [0xff, 0xd8, 0xff] }, // JPEG
  { kind: 'image', bytes: [0x47, 0x49, 0x46, 0x38] }, // GIF8
  { kind: 'image', bytes: [0x42, 0x4d] }, // BMP
  { kind: 'image', bytes: [0x49, 0x49, 0x2a, 0x00] }, // TIFF, little-endian
  { kind: 'image', bytes: [0x4d, 0x4d, 0x00, 0x2a] }, // TIFF, big-endian
  { kind: 'image', bytes: [0x57, 0x45, 0x42, 0x50], at: 8 }, // WebP (after RIFF….)
  { kind: 'image', bytes: [0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63], at: 4 }, // HEIC
  { kind: 'document', bytes: [0x25, 0x50, 0x44, 0x46] }, // %PDF
]

/**
 * What a binary value is, by its first bytes: `image` (PNG, JPEG, GIF, BMP, TIFF, WebP, HEIC), `document` (PDF)
 * or null.
 *
 * @example
 * sniffFile(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])) // 'document'
 */
export function sniffFile(bytes: Uint8Array): 'image' | 'document' | null {
  const found = FILE_MAGIC.find((m) => m.bytes.every((b, i) => bytes[(m.at ?? 0) + i] === b))
  return found?.kind ?? null
}

/** A binary column: its name, and the files a sample of its values turn out to be. */
function fileFinding(byName: NameHit | null, context: ColumnContext): PiiFinding | null {
  const files = (context.files ?? []).filter((f) => f.length > 0)
  const kinds = files.map(sniffFile)
  const share = (kind: 'image' | 'document') => countOf(kinds.map(String), (k) => k === kind) / files.length
  const sampled = (n: number, noun: string) =>
    sampledPhrase(Math.round(n * files.length), files.length, `are ${noun}`)
  if (byName !== null && files.length > 0) {
    // A scanned ID is a document whether it was saved as a PNG or a PDF.
    const support =
      byName.kind === 'document'
        ? share('image') + share('document')
        : byName.kind === 'image'
          ? share('image')
          : 0
    if (support >= MATCH_SHARE)
      return finding(byName.kind, 0.95 + 0.04 * support, [
        byName.evidence,
        sampled(support, 'image or PDF files'),
      ])
  }
  if (byName !== null) return finding(byName.kind, byName.confidence, [byName.evidence])
  if (!context.personal || files.length === 0) return null
  for (const kind of ['image', 'document'] as const)
    if (share(kind) >= MATCH_SHARE)
      return finding(kind, 0.8 * share(kind), [
        sampled(share(kind), kind === 'image' ? 'image files' : 'PDF files'),
      ])
  return null
}

function finding(kind: PiiKind, confidence: number, evidence: string[]): PiiFinding {
  return { kind, confidence: round(Math.min(1, confidence), 2), evidence }
}
