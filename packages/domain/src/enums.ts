/**
 * The closed vocabularies of the domain. Names follow GLOSSARY.md; Italian labels are what users see.
 */

/**
 * The states of a case and of the exemption it issues (docs/domain.md §1.2, §2.2): after VALIDATED the
 * exemption may enter its last days (EXPIRING), end (EXPIRED) or be revoked (REVOKED); CANCELLED is also
 * the annulment of a validated exemption (treated as never held).
 */
export const CASE_STATUSES = [
  'SUBMITTED',
  'IN_PROGRESS',
  'VALIDATED',
  'REJECTED',
  'CANCELLED',
  'EXPIRING',
  'EXPIRED',
  'REVOKED',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  SUBMITTED: 'Inviata',
  IN_PROGRESS: 'In lavorazione',
  VALIDATED: 'Validata',
  REJECTED: 'Respinta',
  CANCELLED: 'Annullata',
  EXPIRING: 'In scadenza',
  EXPIRED: 'Scaduta',
  REVOKED: 'Revocata',
};

/** "Pratiche da fare" and "Pratiche chiuse". */
export const CASE_VIEWS = ['todo', 'closed'] as const;
export type CaseView = (typeof CASE_VIEWS)[number];
export const VIEW_STATUSES: Record<CaseView, readonly CaseStatus[]> = {
  todo: ['SUBMITTED', 'IN_PROGRESS'],
  closed: ['CANCELLED', 'REJECTED', 'VALIDATED', 'EXPIRING', 'EXPIRED', 'REVOKED'],
};

export const ROLES = [
  'DISTRICT_OPERATOR',
  'SPECIALIST',
  'ADMIN_OPERATOR',
  'GP',
  'CITIZEN',
  'ADMIN',
  // issue 15: the statistics (aggregates only) of one ASL, and of every ASL
  'ASL_MANAGER',
  'REGION_ANALYST',
] as const;
export type Role = (typeof ROLES)[number];

/** Labels shown in the cronologia ("Utente" column), as in the manual. */
export const ROLE_LABELS: Record<Role, string> = {
  DISTRICT_OPERATOR: 'OPERATORE_ASL_DISTRETTO',
  SPECIALIST: 'MEDICO_SPECIALISTA',
  ADMIN_OPERATOR: 'OPERATORE_AMMINISTRATIVO',
  GP: 'MEDICO_MEDICINA_GENERALE',
  CITIZEN: 'CITTADINO',
  ADMIN: 'AMMINISTRATORE',
  ASL_MANAGER: 'DIREZIONE_ASL',
  REGION_ANALYST: 'ANALISTA_REGIONE',
};

/** Human labels for the profile choice screen. */
export const ROLE_NAMES: Record<Role, string> = {
  DISTRICT_OPERATOR: 'Operatore/medico di distretto ASL',
  SPECIALIST: 'Medico specialista',
  ADMIN_OPERATOR: 'Operatore amministrativo',
  GP: 'Medico di medicina generale / pediatra',
  CITIZEN: 'Cittadino',
  ADMIN: 'Amministratore',
  ASL_MANAGER: 'Direzione ASL (statistiche)',
  REGION_ANALYST: 'Analista regionale (statistiche)',
};

export const SUBMITTER_TYPES = ['DOCTOR', 'CITIZEN', 'DELEGATE', 'OPERATOR'] as const;
export type SubmitterType = (typeof SUBMITTER_TYPES)[number];
export const SUBMITTER_TYPE_LABELS: Record<SubmitterType, string> = {
  DOCTOR: 'Medico',
  CITIZEN: 'Utente',
  DELEGATE: 'Delegato',
  OPERATOR: 'Operatore',
};

/**
 * Who presented a request at the counter (issue 17 §3): the beneficiary, a delegate with a written
 * delegation (attached), a parent of a minor, or the guardian / support administrator.
 */
export const PRESENTER_KINDS = ['BENEFICIARY', 'DELEGATE', 'PARENT', 'GUARDIAN'] as const;
export type PresenterKind = (typeof PRESENTER_KINDS)[number];
export const PRESENTER_KIND_LABELS: Record<PresenterKind, string> = {
  BENEFICIARY: 'Il beneficiario',
  DELEGATE: 'Un delegato, con delega scritta',
  PARENT: 'Un genitore (beneficiario minorenne)',
  GUARDIAN: 'Il tutore o l’amministratore di sostegno',
};

/** Issue 13 §4: is the person assisted by the regional health service (registry of assistiti)? */
export const ASSISTANCE_STATUSES = ['ASSISTED', 'CEASED'] as const;
export type AssistanceStatus = (typeof ASSISTANCE_STATUSES)[number];

/** The steps of a person-directory import (the CSV of the registry of assistiti). */
export const PERSON_IMPORT_STATUSES = ['LOADING', 'MERGING', 'DONE', 'FAILED'] as const;
export type PersonImportStatus = (typeof PERSON_IMPORT_STATUSES)[number];

/** Whose notifications: a citizen's (portal) or an operator's (backoffice), issue 17 §6. */
export const NOTIFICATION_AUDIENCES = ['CITIZEN', 'STAFF'] as const;
export type NotificationAudience = (typeof NOTIFICATION_AUDIENCES)[number];

export const EXEMPTION_FAMILIES = [
  'CHRONIC',
  'RARE',
  'INVALIDITY',
  'INCOME',
  'PREGNANCY',
  'DENTAL',
  'OTHER',
] as const;
export type ExemptionFamily = (typeof EXEMPTION_FAMILIES)[number];

/** "Pratica di esenzione per …" */
export const EXEMPTION_FAMILY_LABELS: Record<ExemptionFamily, string> = {
  CHRONIC: 'Malattie croniche',
  RARE: 'Malattie rare',
  INVALIDITY: 'Invalidità',
  INCOME: 'Reddito',
  PREGNANCY: 'Gravidanza',
  DENTAL: 'Cure odontoiatriche',
  OTHER: 'Altre esenzioni',
};

export const REJECTION_REASONS = [
  'INSUFFICIENT_REQUIREMENTS',
  'INCORRECT_DOCUMENTATION',
  'INSUFFICIENT_DOCUMENTATION',
  'OTHER',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];
export const REJECTION_REASON_LABELS: Record<RejectionReason, string> = {
  INSUFFICIENT_REQUIREMENTS: 'Requisiti non sufficienti',
  INCORRECT_DOCUMENTATION: 'Documentazione non corretta',
  INSUFFICIENT_DOCUMENTATION: 'Documentazione insufficiente',
  OTHER: 'Altro',
};

/** Why a validated exemption is revoked (docs/domain.md §2: CSI's revoca, with motivazione). */
export const REVOCATION_REASONS = [
  'REQUIREMENTS_LOST',
  'FALSE_DECLARATION',
  'CLERICAL_ERROR',
  'DEATH',
  'MOVED_OUT_OF_REGION',
] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];
export const REVOCATION_REASON_LABELS: Record<RevocationReason, string> = {
  REQUIREMENTS_LOST: 'Requisiti venuti meno',
  FALSE_DECLARATION: 'Dichiarazione non veritiera',
  CLERICAL_ERROR: 'Errore materiale',
  DEATH: 'Decesso',
  MOVED_OUT_OF_REGION: 'Trasferimento fuori regione',
};

/** What an access-log row says was done with a person's data. */
export const ACCESS_ACTIONS = [
  'SEARCH',
  'EXPORT',
  'READ_DETAIL',
  'READ_HISTORY',
  'DOWNLOAD_CERTIFICATE',
  'DOWNLOAD_ATTACHMENT',
  'REGISTRY_LOOKUP',
  'TAKE_CHARGE',
  'VALIDATE',
  'REJECT',
  'ADD_NOTE',
  'READ_PERSON',
  'CANCEL',
  'DOWNLOAD_EXEMPTION_CERTIFICATE',
  'READ_EXEMPTIONS',
  'SUBMIT',
  'REVOKE',
  'ANNUL',
  'LIFT_BLOCK',
  // issue 12: art. 71 checks (H3)
  'READ_DECLARATION_CHECKS',
  'DECIDE_DECLARATION_CHECK',
  // issue 17 §2: the district sets or corrects the diagnosis before deciding
  'CORRECT_DIAGNOSIS',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];
export const ACCESS_ACTION_LABELS: Record<AccessAction, string> = {
  SEARCH: 'Ricerca pratiche',
  EXPORT: 'Esportazione elenco pratiche',
  READ_DETAIL: 'Consultazione dettaglio pratica',
  READ_HISTORY: 'Consultazione cronologia',
  DOWNLOAD_CERTIFICATE: 'Scaricamento certificato',
  DOWNLOAD_ATTACHMENT: 'Scaricamento allegato',
  REGISTRY_LOOKUP: 'Verifica esenzioni in anagrafe',
  TAKE_CHARGE: 'Presa in carico',
  VALIDATE: 'Validazione',
  REJECT: 'Respingimento',
  ADD_NOTE: 'Inserimento nota',
  READ_PERSON: 'Consultazione dati anagrafici',
  CANCEL: 'Annullamento pratica',
  DOWNLOAD_EXEMPTION_CERTIFICATE: 'Scaricamento attestato di esenzione',
  READ_EXEMPTIONS: 'Consultazione esenzioni',
  SUBMIT: 'Invio pratica',
  REVOKE: 'Revoca esenzione',
  ANNUL: 'Annullamento esenzione',
  LIFT_BLOCK: 'Rimozione blocco di revoca',
  READ_DECLARATION_CHECKS: 'Consultazione controlli autocertificazioni',
  DECIDE_DECLARATION_CHECK: 'Esito controllo autocertificazione',
  CORRECT_DIAGNOSIS: 'Correzione della diagnosi',
};

export const NOTE_MAX_LENGTH = 2000;
export const PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_DEFAULT = 20;

// ---- issue 12: income self-declaration (H2)

/**
 * Who signs a self-declaration (docs/domain.md §1.1, "chi può firmare l'autocertificazione"): the person,
 * a parent, a tutor, the person assisted by a curator, the spouse or a relative up to the 3rd degree when
 * the person is temporarily impeded, a delegate.
 */
export const DECLARANT_TITLES = [
  'SELF',
  'PARENT',
  'GUARDIAN',
  'ASSISTED_BY_CURATOR',
  'RELATIVE',
  'DELEGATE',
] as const;
export type DeclarantTitle = (typeof DECLARANT_TITLES)[number];
export const DECLARANT_TITLE_LABELS: Record<DeclarantTitle, string> = {
  SELF: 'interessato',
  PARENT: 'genitore',
  GUARDIAN: 'tutore',
  ASSISTED_BY_CURATOR: 'interessato assistito da curatore',
  RELATIVE: 'coniuge/parente fino al 3° grado',
  DELEGATE: 'delegato',
};

// ---- issue 12: MEF list and art. 71 checks (H3)

/** Where a registry row comes from: a case (issued on a request) or the yearly MEF list (no case). */
export const REGISTRY_ENTRY_SOURCES = ['CASE', 'MEF_LIST'] as const;
export type RegistryEntrySource = (typeof REGISTRY_ENTRY_SOURCES)[number];

/** What the registry answer says the exemption rests on (docs/mef-list.md). */
export const REGISTRY_SOURCES = ['ATTESTATO', 'SELF_DECLARATION', 'MEF_LIST'] as const;
export type RegistrySource = (typeof REGISTRY_SOURCES)[number];
export const REGISTRY_SOURCE_LABELS: Record<RegistrySource, string> = {
  ATTESTATO: 'attestato',
  SELF_DECLARATION: 'autocertificazione',
  MEF_LIST: 'da elenco MEF',
};

/** The stages of a MEF list import (its progress bar). */
export const MEF_IMPORT_STATUSES = ['LOADING', 'MERGING', 'DONE', 'FAILED'] as const;
export type MefImportStatus = (typeof MEF_IMPORT_STATUSES)[number];
export const MEF_IMPORT_STATUS_LABELS: Record<MefImportStatus, string> = {
  LOADING: 'Lettura del file',
  MERGING: "Aggiornamento dell'anagrafe",
  DONE: 'Completato',
  FAILED: 'Non riuscito',
};
/** The codes the MEF list carries (E02 is never on it: unemployment is declared). */
export const MEF_LIST_CODES = ['E01', 'E03', 'E04'] as const;

/** Outcome of an art. 71 DPR 445/2000 check of a self-declaration. */
export const DECLARATION_CHECK_OUTCOMES = ['CONFORMING', 'NON_CONFORMING'] as const;
export type DeclarationCheckOutcome = (typeof DECLARATION_CHECK_OUTCOMES)[number];
export const DECLARATION_CHECK_OUTCOME_LABELS: Record<DeclarationCheckOutcome, string> = {
  CONFORMING: 'conforme',
  NON_CONFORMING: 'non conforme',
};
