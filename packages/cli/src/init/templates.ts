/**
 * The plans `cap init --template NAME` starts from. A template is one entry of TEMPLATES: its
 * name, a line for `cap init --help`, and its files (the entry model first; a template that
 * reads data, such as a CRM export, lists its data files too). `__MODEL__` and `__TITLE__` are
 * replaced by the model's name and title, made from the folder's name.
 *
 * Each template passes `cap check` without a warning and is in `cap fmt`'s layout as created
 * (test/cli/init.test.ts).
 */
export interface Template {
    name: string;
    description: string;
    /** Path (relative to the plan folder, with `/`) → text; the first is the entry model. */
    files: Record<string, string>;
}

const SEED = `/*
 * __TITLE__: the team's capacity plan, as code.
 *
 * Cap turns what the team delivers (the service menu), who delivers it (roles and agents) and for
 * whom (tiers) into the figures finance asks for: required headcount, utilization, cost to serve,
 * customer lifetime value, and a hiring plan. Change a number, run \`npx cap check\`, open a pull
 * request: the review workflow comments with what the change does to the figures.
 *
 *   npx cap build plan.cap --summary     the figures
 *   npx cap forecast plan.cap            the month-by-month forecast and hiring plan
 *   npx cap export plan.cap              the workbook for finance (plan.finance.xlsx)
 *
 * The language: https://github.com/cap-lang/cap/blob/main/docs/language.md
 */

model __MODEL__ "__TITLE__" {
  currency USD                  // every money amount is in this currency
  period month                  // report hours, cost and revenue per month (or quarter, year)
  start 2027-01                 // the snapshot month, and the first month of the forecast
  horizon 12 months             // forecast a year ahead: accounts, headcount, hires, budget
}

// A role: the hours an FTE is paid for, what never reaches a customer, and what an FTE costs.
role CSM "Customer Success Manager" {
  hours 160h / month
  overhead {
    meetings 24h / month        // team meetings, 1:1s, forecast calls
    admin 10h / month           // CRM hygiene, renewals paperwork
    distractions 6h / month     // context switching, the unplanned fire drill
  }                             // 40 h of overhead leaves 120 effective hours a month
  cost $8,000 / month           // fully loaded: salary, benefits, tools, a share of management
  ramp 2 months                 // a new hire is fully productive after two months
}

// The service menu: what a CSM does for an account, with the effort it is designed to take.
service QBR "Quarterly business review" { role CSM  effort 6h every quarter }   // 2 h a month
service CheckIn "Monthly check-in call" { role CSM  effort 2h every month }     // 2 h a month
service HealthCheck "Account health review" { role CSM  effort 1h every month } // 1 h a month

// The customers: 5 h of designed work per account a month, so 120 / 5 = 24 accounts per CSM.
tier Customers "All customers" {
  touch high
  accounts 200
  arr $24,000                   // $2,000 a month per account
  churn 10% / year              // logo churn
  margin 80%                    // gross margin, for customer lifetime value
  new 12 / quarter              // new accounts: the forecast grows the book with them
  services QBR, CheckIn, HealthCheck
}

// The people: 200 accounts x 5 h = 1,000 h a month of work for 9 x 120 = 1,080 h.
agent csm_team "CSM team" { role CSM  count 9 }

// Guardrails, checked on every \`cap check\` and build: a change that breaks one fails review.
assert CSM.utilization <= 95%
`;

const THREE_TIER = `/*
 * __TITLE__: three customer segments, three teams.
 *
 *   Enterprise  high touch  named CSMs, quarterly business reviews
 *   MidMarket   low touch   a pooled CSM team, a light cadence and webinars
 *   SMB         tech touch  no named CSM: the one-to-many (Scale) team, through webinars
 *
 *   npx cap build plan.cap --summary     the figures, with the scenario beside the base
 *   npx cap forecast plan.cap            the month-by-month forecast and hiring plan
 *   npx cap export plan.cap              the workbook for finance (plan.finance.xlsx)
 *
 * The language: https://github.com/cap-lang/cap/blob/main/docs/language.md
 */

model __MODEL__ "__TITLE__" {
  currency USD
  period month
  start 2027-01
  horizon 12 months
}

// Roles: the hours an FTE is paid for, the overhead that never reaches a customer, the cost.
role CSM "Customer Success Manager" {
  hours 160h / month
  overhead 40h / month          // 120 effective hours a month
  cost $9,600 / month           // fully loaded: $80 per effective hour
  ramp 3 months
}

role Onboarding "Onboarding specialist" {
  hours 160h / month
  overhead 25%                  // 120 effective hours a month
  cost $8,000 / month
  ramp 2 months
}

role Scale "Scale CSM (one-to-many)" {
  hours 160h / month
  overhead 40h / month
  cost $7,200 / month
  ramp 1 month
}

// The service menu, with each item's designed effort per account.
service Kickoff "Kickoff and implementation" { role Onboarding  effort 20h once }
service QBR "Quarterly business review" { role CSM  effort 6h every quarter }   // 2 h a month
service SuccessPlan "Success plan session" { role CSM  effort 2h every month }
service CheckIn "Monthly check-in call" { role CSM  effort 1h every month }
service Webinar "Monthly product webinar" {
  role Scale
  effort 2h every month         // one session ...
  seats 200                     // ... for up to 200 accounts
}

// Tiers: who the customers are, what they bring, and which services they get.
tier Enterprise "Strategic accounts" {
  touch high
  accounts 60
  arr $120k
  churn 8% / year
  margin 80%
  new 3 / quarter
  services Kickoff, QBR, SuccessPlan       // 4 h a month: 30 accounts per CSM
}

tier MidMarket "Mid-market" {
  touch low
  accounts 300
  arr $24k
  churn 1% / month
  margin 80%
  new 30 / quarter
  services Kickoff, CheckIn, Webinar       // 1 h a month: 120 accounts per CSM
}

tier SMB "Small business" {
  touch tech
  accounts 4,000
  mrr $150
  churn 2% / month
  margin 85%
  new 100 / month
  services Webinar              // seat-based only: 20 sessions a month
}

// Agents: named CSMs for Enterprise, pools for the rest.
agent enterprise_csms "Enterprise CSMs" { role CSM  count 2  tiers Enterprise }
agent midmarket_pod "Mid-market CSM pod" { role CSM  count 3  tiers MidMarket }
agent onboarding_team "Onboarding" { role Onboarding  count 2 }
agent scale_team "Scale team" { role Scale  tiers MidMarket, SMB }

// A what-if, shown beside the base plan: only what changes is listed.
scenario Growth "Double the Enterprise book" {
  tier Enterprise { accounts 120 }
  agent enterprise_csms { count 4 }
}

// Guardrails, checked on every \`cap check\` and build.
assert CSM.utilization <= 100%
assert totals.costToRevenue <= 15%
`;

const CRM = `/*
 * __TITLE__: the team's capacity plan, read from the CRM.
 *
 * The accounts of each tier, their revenue and each CSM's book come from data/accounts.csv: a
 * CRM export (Salesforce, HubSpot: export the accounts with their segment, ARR and owner, and
 * save the file here). Refresh the export, open a pull request: the review comment says which
 * accounts were added, moved or changed owner, and what that does to the team.
 *
 *   npx cap build plan.cap --summary     the figures, each CSM's book and the data read
 *   npx cap diff --git main              what the refreshed export changes
 *
 * The language: https://github.com/cap-lang/cap/blob/main/docs/language.md
 */

model __MODEL__ "__TITLE__" {
  currency USD
  period month
  start 2027-01
  horizon 12 months
}

// The CRM export: which file, and which columns say the tier, the revenue and the owner.
data crm "CRM accounts" {
  file "data/accounts.csv"
  key "Account ID"              // a column whose values are unique: accounts are compared by it
  tier "Segment" {
    "Strategic" -> Enterprise   // a value that is not a tier's name or title, paired with one
  }
  revenue "ARR" per year
  owner "Account Owner" role CSM  // each account's CSM, by an agent's name or title
}

role CSM "Customer Success Manager" {
  hours 160h / month
  overhead 40h / month          // 120 effective hours a month
  cost $9,000 / month
  ramp 3 months
}

service QBR "Quarterly business review" { role CSM  effort 6h every quarter }   // 2 h a month
service CheckIn "Monthly check-in call" { role CSM  effort 2h every month }     // 2 h a month

// Accounts and revenue per account come from the export: its rows in each tier.
tier Enterprise {
  touch high
  accounts from crm
  revenue from crm
  churn 8% / year
  services QBR, CheckIn
}

tier MidMarket "Mid-Market" {
  touch low
  accounts from crm
  revenue from crm
  churn 12% / year
  services CheckIn
}

// Each CSM's work is the accounts the CRM says they own.
agent maya "Maya Patel" { role CSM }
agent jon "Jon Okafor" { role CSM }

assert CSM.utilization <= 90%
`;

// Twelve accounts; the segment and the owner as a CRM writes them (case and spaces do not matter).
const CRM_ACCOUNTS = `Account ID,Account Name,Segment,ARR,Account Owner
A-0001,"Acme, Inc.",Enterprise,"$120,000",Maya Patel
A-0002,Globex,Enterprise,"$95,000",Maya Patel
A-0003,Initech,Strategic,"$150,000",Jon Okafor
A-0004,Umbrella Health,Enterprise,"$80,000",Jon Okafor
A-0005,Hooli,Mid-Market,"$24,000",maya
A-0006,Vandelay Industries,Mid-Market,"$18,500",Maya Patel
A-0007,Stark Logistics,mid-market,"$31,000",Jon Okafor
A-0008,Wayne Foods,Mid-Market,"$22,000",Jon Okafor
A-0009,Wonka Retail,Mid-Market,"$27,500",Maya Patel
A-0010,Soylent Labs,Mid-Market,"$19,000",jon
A-0011,Cyberdyne Systems,Enterprise,"$210,000",Maya Patel
A-0012,Tyrell Media,Mid-Market,"$26,000",Jon Okafor
`;

export const TEMPLATES: Template[] = [
    {
        name: 'seed',
        description: 'one role, one tier, a forecast: the smallest useful plan',
        files: { 'plan.cap': SEED },
    },
    {
        name: 'three-tier',
        description: 'three segments (high, low and tech touch), three teams, a forecast and a scenario',
        files: { 'plan.cap': THREE_TIER },
    },
    {
        name: 'crm',
        description: "accounts, revenue and each CSM's book read from a CRM export (data/accounts.csv)",
        files: { 'plan.cap': CRM, 'data/accounts.csv': CRM_ACCOUNTS },
    },
];

export function templateNamed(name: string): Template | undefined {
    return TEMPLATES.find(t => t.name === name);
}
