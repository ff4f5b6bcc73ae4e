/**
 * Generated CRM exports for the data benchmark (spec section 14): the columns a Salesforce
 * account export has, three segments, an owner for every Enterprise and Mid-Market account, and
 * the mess real exports carry (segment spellings, ARR as `$28,000`, `28000`, `28k` or
 * `28000 USD`, owners in capitals), all of which Cap reads without a problem. Deterministic.
 */
import { random } from './generate.ts';

/** The CSMs who own the accounts of an export of `rows`: about 200 each (agents `csm_0` … in the model). */
export function crmOwners(rows: number): number {
    return Math.max(1, Math.round((rows * 0.4) / 200));
}

const FIRST = ['Maya', 'Jon', 'Lena', 'Raj', 'Ana', 'Tom', 'Priya', 'Sam', 'Ines', 'Hugo'];
const LAST = ['Patel', 'Okafor', 'Schmidt', 'Iyer', 'Souza', 'Becker', 'Nair', 'Reyes'];
const COMPANY = ['Northwind', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne'];
const KIND = ['Logistics', 'Robotics', 'Pharma', 'Bank', 'Retail', 'Media', 'Energy', 'Labs'];
const REGIONS = ['NA', 'EMEA', 'APAC', 'LATAM'];
const INDUSTRIES = ['Software', 'Healthcare', 'Financial Services', 'Manufacturing', 'Retail', 'Media'];
const SEGMENTS = {
    Enterprise: ['Enterprise', 'Enterprise', 'ENTERPRISE', 'Strategic', ' enterprise '],
    MidMarket: ['Mid-Market', 'Mid-Market', 'Mid-Market', 'Mid Market', 'MID-MARKET'],
    SMB: ['SMB', 'SMB', 'SMB', 'smb', 'SMB '],
};

function ownerTitle(i: number): string {
    return `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${Math.floor(i / 80) + 1}`;
}

function arr(amount: number, style: number): string {
    if (style === 0) return `"$${amount.toLocaleString('en-US')}"`;
    if (style === 1) return String(amount);
    if (style === 2) return `${amount / 1000}k`;
    return `${amount} USD`;
}

/** A CRM export of `rows` accounts: about 95 bytes a row, CRLF line ends, a byte-order mark. */
export function generateCrmExport(rows: number, seed = 25): string {
    const rnd = random(seed);
    const owners = crmOwners(rows);
    const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
    const lines = ['\uFEFFAccount ID,Account Name,Segment,ARR,Account Owner,Region,Industry,Renewal Date,Health Score'];
    for (let i = 0; i < rows; i++) {
        const x = rnd();
        const tier = x < 0.1 ? 'Enterprise' : x < 0.4 ? 'MidMarket' : 'SMB';
        const amount =
            tier === 'Enterprise'
                ? 80_000 + Math.floor(rnd() * 170) * 1000
                : tier === 'MidMarket'
                  ? 15_000 + Math.floor(rnd() * 60) * 500
                  : 2_000 + Math.floor(rnd() * 80) * 100;
        let owner = '';
        if (tier !== 'SMB') {
            const title = ownerTitle(Math.floor(rnd() * owners));
            owner = rnd() < 0.05 ? title.toUpperCase() : title;
        }
        const name = `${pick(COMPANY)} ${pick(KIND)} ${i}`;
        const month = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
        const day = String(1 + Math.floor(rnd() * 28)).padStart(2, '0');
        lines.push(
            [
                `0014x${String(i).padStart(7, '0')}`,
                rnd() < 0.1 ? `"${name}, Inc."` : name,
                pick(SEGMENTS[tier]),
                arr(amount, Math.floor(rnd() * 4)),
                owner,
                pick(REGIONS),
                pick(INDUSTRIES),
                `2027-${month}-${day}`,
                String(20 + Math.floor(rnd() * 80)),
            ].join(','),
        );
    }
    return `${lines.join('\r\n')}\r\n`;
}

/**
 * The data block, its services, the three tiers it fills and the owners' agents, for a plan with
 * roles `csm` (the owners: about 200 accounts each, some 80 hours of work) and `scale` (webinars
 * for the tech-touch tier, which has no owners).
 */
export function crmBlock(csm: string, scale: string, rows: number, file = 'accounts.csv'): string {
    const lines = [
        '// ---------------------------------------------------------------------------------------',
        '// The CRM export: accounts, ARR and each CSM’s book',
        '',
        'data crm "Salesforce accounts" {',
        `  file "${file}"`,
        '  key "Account ID"',
        '  tier "Segment" {',
        '    "Strategic" -> CrmEnterprise',
        '    "Enterprise" -> CrmEnterprise',
        '    "Mid-Market" -> CrmMidMarket',
        '    "Mid Market" -> CrmMidMarket',
        '    "SMB" -> CrmSMB',
        '  }',
        '  revenue "ARR" per year',
        `  owner "Account Owner" role ${csm}`,
        '}',
        '',
        `service CrmReview "Quarterly review" { role ${csm}  effort 2h every quarter }`,
        `service CrmCheckIn "Monthly check-in" { role ${csm}  effort 20min every month }`,
        `service CrmWebinar "Product webinar" { role ${scale}  effort 2h every month  seats 500 }`,
        '',
    ];
    for (const [name, touch, churn, services] of [
        ['CrmEnterprise', 'high', '6% / year', 'CrmReview, CrmCheckIn'],
        ['CrmMidMarket', 'low', '12% / year', 'CrmCheckIn'],
        ['CrmSMB', 'tech', '3% / month', 'CrmWebinar'],
    ]) {
        lines.push(`tier ${name} {`);
        lines.push(`  touch ${touch}`);
        lines.push('  accounts from crm');
        lines.push('  revenue from crm');
        lines.push(`  churn ${churn}`);
        lines.push('  margin 80%');
        lines.push(`  services ${services}`);
        lines.push('}');
        lines.push('');
    }
    for (let i = 0; i < crmOwners(rows); i++) lines.push(`agent csm_${i} "${ownerTitle(i)}" { role ${csm} }`);
    lines.push(`agent crm_scale "Scale team" { role ${scale}  count ${Math.max(1, Math.ceil(rows / 40_000))} }`);
    return `${lines.join('\n')}\n`;
}

/** A small plan whose tiers all come from the export: what `cap build` reads besides the file. */
export function generateCrmModel(rows: number, file = 'accounts.csv'): string {
    return `model CrmBench "CRM benchmark plan" {
  currency USD
  period month
  start 2027-01
}

role R0 "Customer Success Manager" {
  hours 160h / month
  overhead 40h / month
  cost $9,600 / month
}

role R1 "Scale CSM" {
  hours 160h / month
  overhead 40h / month
  cost $7,200 / month
}

${crmBlock('R0', 'R1', rows, file)}`;
}

/**
 * The same block with the figures typed in, as a plan without the export would have them: no
 * `data` block, each tier's accounts and ARR written as numbers, the same agents. What a keystroke
 * costs on it is the floor for a keystroke on a plan that reads the export.
 */
export function typedCrmBlock(csm: string, scale: string, rows: number): string {
    const shares = [0.1, 0.3, 0.6];
    let tier = 0;
    return crmBlock(csm, scale, rows)
        .replace(/data crm [\s\S]*?\n}\n/, '')
        .replace(/ {2}accounts from crm\n {2}revenue from crm/g, () => {
            const accounts = Math.round(rows * shares[tier++]);
            return `  accounts ${accounts}\n  arr $24,000`;
        });
}
