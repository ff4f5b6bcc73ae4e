/**
 * Every diagnostic Cap reports has one of these stable codes; docs/diagnostics.md explains each.
 * Codes never change meaning and are never reused, so CI scripts and suppressions can rely on them.
 */
export const Codes = {
    UnexpectedCharacter: 'CAP001',
    SyntaxError: 'CAP002',
    UnresolvedReference: 'CAP003',

    DuplicateName: 'CAP010',
    MissingProperty: 'CAP011',
    DuplicateProperty: 'CAP012',
    PropertyNotAllowed: 'CAP013',
    MissingFrequency: 'CAP014',

    WrongUnit: 'CAP020',
    MissingTimeUnit: 'CAP021',
    UnknownUnit: 'CAP022',
    PercentOutOfRange: 'CAP023',
    FteOutOfRange: 'CAP024',
    InvalidAccounts: 'CAP025',
    InvalidValue: 'CAP026',
    InvalidDate: 'CAP027',

    NoEffectiveTime: 'CAP030',
    ChurnAndLifetime: 'CAP031',
    CurrencyMismatch: 'CAP032',
    InvalidCurrency: 'CAP033',
    HorizonWithoutStart: 'CAP034',
    MissingCost: 'CAP035',
    ImplausibleStart: 'CAP036',
    RampLongerThanHorizon: 'CAP037',
    ImplausibleHours: 'CAP038',
    ReservedName: 'CAP039',

    ImportNotFound: 'CAP040',
    ImportCycle: 'CAP041',
    DuplicateModel: 'CAP042',
    ImportNotCap: 'CAP043',

    UnservedDemand: 'CAP050',
    RoleOverCapacity: 'CAP051',
    AgentOverloaded: 'CAP052',
    TechTouchWithoutSeats: 'CAP053',
    ClvUndefined: 'CAP054',

    UnusedRole: 'CAP060',
    UnusedService: 'CAP061',
    ScenarioNameLikeBase: 'CAP062',
    ScenarioDeclarationCountsNothing: 'CAP063',

    AssertionPath: 'CAP070',
    AssertionUnit: 'CAP071',
    AssertionFailed: 'CAP072',

    DataFileNotFound: 'CAP080',
    DataColumnNotFound: 'CAP081',
    DataTierUnmatched: 'CAP082',
    DataTierLeftOut: 'CAP083',
    DataValueAmbiguous: 'CAP084',
    DataOwnerUnmatched: 'CAP085',
    DataTierEmpty: 'CAP086',
    DataSourceMismatch: 'CAP087',
    DataBlockInvalid: 'CAP088',
    DataFileEmpty: 'CAP089',

    ActualsBlockInvalid: 'CAP090',
    ActualsDrift: 'CAP091',
    ActualsAgentUnmatched: 'CAP092',
    ActualsAccountUnknown: 'CAP093',
    ActualsTierUnmatched: 'CAP094',
    ActualsKeyMissing: 'CAP095',
    ActualsEmpty: 'CAP096',

    CsvSyntax: 'CAP100',
    CsvNotAnAmount: 'CAP101',
    CsvNegativeAmount: 'CAP102',
    CsvOtherCurrency: 'CAP103',
    CsvMissingAmount: 'CAP104',
    CsvDuplicateKey: 'CAP105',
    CsvTooManyFields: 'CAP106',
    CsvBadDate: 'CAP110',
    CsvBadHours: 'CAP111',

    IntakeWithoutStart: 'CAP120',
    IntakeMonthTwice: 'CAP121',
    InvalidIntakeCount: 'CAP122',
    IntakeOutsideForecast: 'CAP123',
} as const;

export type Code = (typeof Codes)[keyof typeof Codes];

/** Where each code is explained; diagnostics link there (LSP `codeDescription`). */
export const DIAGNOSTICS_DOCS_URL = 'https://github.com/cap-lang/cap/blob/main/docs/diagnostics.md';

export function codeDocsUrl(code: string): string {
    return `${DIAGNOSTICS_DOCS_URL}#${code.toLowerCase()}`;
}
