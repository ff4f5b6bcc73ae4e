/**
 * Generates realistic Cap models for the benchmark: the shapes a CS Ops team writes (roles with an
 * overhead block, a service menu with cadences, seats and add-on prices, tiers with revenue and
 * churn, one line per person), with the comments people leave, and valid: no errors, so that the
 * benchmark measures the path a real plan takes through the build rather than error recovery.
 *
 * Deterministic: the same size gives the same text, byte for byte, on every machine.
 */

export interface ModelCounts {
    roles: number;
    services: number;
    tiers: number;
    agents: number;
}

/** S: the base plan (~750 lines). M and L are 10× and 100× of everything. */
export const BASE_COUNTS: ModelCounts = { roles: 20, services: 50, tiers: 5, agents: 100 };

export const SIZES: Record<string, number> = { S: 1, M: 10, L: 100 };

/** The size of the keystroke benchmark: a plan of about 2,000 lines. */
export const EDIT_SCALE = 2.75;

export function countsFor(scale: number): ModelCounts {
    return {
        roles: Math.max(1, Math.round(BASE_COUNTS.roles * scale)),
        services: Math.max(1, Math.round(BASE_COUNTS.services * scale)),
        tiers: Math.max(1, Math.round(BASE_COUNTS.tiers * scale)),
        agents: Math.max(1, Math.round(BASE_COUNTS.agents * scale)),
    };
}

/** A small deterministic generator (mulberry32), so no figure depends on Math.random; the tests replay cases with it too. */
export function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const ROLE_TITLES = [
    'Customer Success Manager',
    'Onboarding specialist',
    'Scale CSM',
    'Technical account manager',
    'Renewals manager',
    'Support engineer',
    'Solutions architect',
    'Customer education lead',
];
const SERVICE_TITLES = [
    'Quarterly business review',
    'Monthly check-in call',
    'Success plan session',
    'Account health review',
    'Product webinar',
    'Office hours',
    'Executive sponsor call',
    'Adoption workshop',
    'Renewal planning',
    'Onboarding kickoff',
];
const CADENCES = ['every month', 'every quarter', 'every 2 weeks', '2 times / year', '4 times / year', 'every year'];
const TOUCHES = ['high', 'low', 'tech'];
const FIRST_NAMES = [
    'alice',
    'ben',
    'carmen',
    'dmitri',
    'erin',
    'farah',
    'gwen',
    'hugo',
    'ines',
    'jonas',
    'kemal',
    'lena',
    'maria',
    'nils',
    'olga',
    'priya',
];

function money(n: number): string {
    return `$${Math.round(n).toLocaleString('en-US')}`;
}

/** Which role delivers service `s`: spread evenly so every role has demand and every service a role. */
function roleOfService(s: number, counts: ModelCounts): number {
    return s % counts.roles;
}

function roleBlock(lines: string[], r: number, rnd: () => number): void {
    const hours = rnd() < 0.2 ? '40h / week' : '160h / month';
    lines.push(`// ${ROLE_TITLES[r % ROLE_TITLES.length]}s: contracted hours, time lost to internal work, loaded cost`);
    lines.push(`role R${r} "${ROLE_TITLES[r % ROLE_TITLES.length]} ${Math.floor(r / ROLE_TITLES.length) + 1}" {`);
    lines.push(`  hours ${hours}`);
    if (rnd() < 0.8) {
        lines.push('  overhead {');
        lines.push(`    meetings ${12 + Math.floor(rnd() * 12)}h / month      // team meetings, 1:1s, forecast calls`);
        lines.push(`    admin ${6 + Math.floor(rnd() * 6)}h / month          // CRM hygiene, renewals paperwork`);
        lines.push(`    distractions ${2 + Math.floor(rnd() * 6)}h / month   // context switching`);
        lines.push('  }');
    } else {
        lines.push(`  overhead ${20 + Math.floor(rnd() * 10)}%                 // internal work`);
    }
    lines.push(`  cost ${money(7000 + Math.floor(rnd() * 40) * 100)} / month`);
    lines.push(`  ramp ${1 + Math.floor(rnd() * 3)} months`);
    lines.push('}');
    lines.push('');
}

function serviceBlock(lines: string[], s: number, counts: ModelCounts, rnd: () => number): void {
    lines.push(`// ${SERVICE_TITLES[s % SERVICE_TITLES.length]}: designed effort per account, reviewed each quarter`);
    lines.push(`service S${s} "${SERVICE_TITLES[s % SERVICE_TITLES.length]}" {`);
    lines.push(`  role R${roleOfService(s, counts)}`);
    if (s % 10 === 9) {
        lines.push(`  effort ${4 + Math.floor(rnd() * 8)}h once              // per new account`);
    } else {
        const hours = rnd() < 0.3 ? `${15 + Math.floor(rnd() * 4) * 15}min` : `${1 + Math.floor(rnd() * 3)}h`;
        lines.push(`  effort ${hours} ${CADENCES[s % CADENCES.length]}`);
    }
    // Tech-touch tiers (every third) take only seat-based services: see tierBlock.
    if (s % 5 === 4)
        lines.push(`  seats ${25 + Math.floor(rnd() * 8) * 25}                  // one session serves a cohort`);
    if (s % 7 === 3) {
        lines.push('  uptake 25%');
        lines.push(`  price ${money(500 + Math.floor(rnd() * 20) * 100)} every quarter`);
    }
    lines.push('}');
    lines.push('');
}

function tierBlock(lines: string[], t: number, counts: ModelCounts, rnd: () => number): void {
    const touch = TOUCHES[t % TOUCHES.length];
    lines.push(`tier T${t} "Segment ${t + 1}" {`);
    lines.push(`  touch ${touch}`);
    lines.push(`  accounts ${touch === 'tech' ? 200 + Math.floor(rnd() * 800) : 20 + Math.floor(rnd() * 60)}`);
    if (touch === 'tech') lines.push(`  mrr ${money(100 + Math.floor(rnd() * 10) * 10)}`);
    else lines.push(`  arr ${money(12000 + Math.floor(rnd() * 20) * 6000)}`);
    lines.push(`  churn ${2 + Math.floor(rnd() * 12)}% / year`);
    lines.push(`  margin ${70 + Math.floor(rnd() * 20)}%`);
    lines.push(`  expansion ${5 + Math.floor(rnd() * 10)}% / year`);
    lines.push(`  new ${1 + Math.floor(rnd() * 6)} / quarter`);
    // Ten services per tier; a tech-touch tier gets the seat-based ones (every fifth service).
    const list: string[] = [];
    for (let i = 0; i < 10; i++) {
        const s = touch === 'tech' ? (t * 10 + i * 5 + 4) % counts.services : (t * 10 + i) % counts.services;
        if (touch === 'tech' && s % 5 !== 4) continue;
        if (!list.includes(`S${s}`)) list.push(`S${s}`);
    }
    lines.push(`  services ${list.join(', ')}`);
    lines.push('}');
    lines.push('');
}

function agentLine(a: number, counts: ModelCounts, rnd: () => number): string {
    const name = `${FIRST_NAMES[a % FIRST_NAMES.length]}_${a}`;
    const props = [`role R${a % counts.roles}`];
    const x = rnd();
    if (x < 0.1) props.push('fte 0.5');
    else if (x < 0.15) props.push('count 2');
    else if (x < 0.18) props.push('start 2027-03');
    return `agent ${name} "${name.replace('_', ' ')}" { ${props.join('  ')} }`;
}

/** One self-contained plan: model header, roles, services, tiers and agents in one file. */
export function generateModel(scale: number, seed = 7): string {
    const counts = countsFor(scale);
    const rnd = random(seed);
    const lines: string[] = [];
    lines.push('/*');
    lines.push(
        ` * Benchmark plan: ${counts.roles} roles, ${counts.services} services, ${counts.tiers} tiers, ${counts.agents} agents.`,
    );
    lines.push(' * Generated by bench/generate.ts; every figure is plausible, none is real.');
    lines.push(' */');
    lines.push('');
    lines.push(`model Bench${counts.agents} "Benchmark plan" {`);
    lines.push('  currency USD');
    lines.push('  period month');
    lines.push('  start 2027-01');
    lines.push('}');
    lines.push('');
    lines.push('// ---------------------------------------------------------------------------------------');
    lines.push('// Roles');
    lines.push('');
    for (let r = 0; r < counts.roles; r++) roleBlock(lines, r, rnd);
    lines.push('// ---------------------------------------------------------------------------------------');
    lines.push('// The service menu');
    lines.push('');
    for (let s = 0; s < counts.services; s++) serviceBlock(lines, s, counts, rnd);
    lines.push('// ---------------------------------------------------------------------------------------');
    lines.push('// Tiers');
    lines.push('');
    for (let t = 0; t < counts.tiers; t++) tierBlock(lines, t, counts, rnd);
    lines.push('// ---------------------------------------------------------------------------------------');
    lines.push('// The team');
    lines.push('');
    for (let a = 0; a < counts.agents; a++) {
        if (a % 10 === 0) lines.push(`// pod ${a / 10 + 1}`);
        lines.push(agentLine(a, counts, rnd));
    }
    return `${lines.join('\n')}\n`;
}

/** The workspace benchmark: shared roles and services, and plans that each import both. */
export interface GeneratedWorkspace {
    /** Relative path -> text. */
    files: Record<string, string>;
    shared: { roles: string; services: string };
    plans: string[];
}

export function generateWorkspace(planCount = 50, seed = 11): GeneratedWorkspace {
    const counts = BASE_COUNTS;
    const rnd = random(seed);
    const files: Record<string, string> = {};

    const roles: string[] = ['// Shared roles: every team plan imports this file.', ''];
    for (let r = 0; r < counts.roles; r++) roleBlock(roles, r, rnd);
    files['shared/roles.cap'] = roles.join('\n');

    const services: string[] = ['// The shared service menu.', 'import "./roles.cap"', ''];
    for (let s = 0; s < counts.services; s++) serviceBlock(services, s, counts, rnd);
    files['shared/services.cap'] = services.join('\n');

    const plans: string[] = [];
    for (let p = 0; p < planCount; p++) {
        const lines: string[] = [];
        lines.push(`// Team plan ${p + 1}: its own segments and people, the shared roles and menu.`);
        lines.push('import "../shared/roles.cap"');
        lines.push('import "../shared/services.cap"');
        lines.push('');
        lines.push(`model Team${p + 1} "Team ${p + 1}" {`);
        lines.push('  currency USD');
        lines.push('  period month');
        lines.push('}');
        lines.push('');
        for (let t = 0; t < 2; t++) tierBlock(lines, (p * 2 + t) % counts.tiers, counts, rnd);
        for (let a = 0; a < 24; a++) lines.push(agentLine(p * 24 + a, counts, rnd));
        const path = `teams/team-${String(p + 1).padStart(2, '0')}.cap`;
        files[path] = `${lines.join('\n')}\n`;
        plans.push(path);
    }
    return { files, shared: { roles: 'shared/roles.cap', services: 'shared/services.cap' }, plans };
}

/** The first `keyword NUMBER` at or after `fromLine`: where the edit benchmarks type. */
export function numberAfter(
    text: string,
    keyword: string,
    fromLine = 0,
): { line: number; character: number; value: string } {
    const lines = text.split('\n');
    const pattern = new RegExp(`^(\\s*${keyword} )(\\d+)`);
    for (let i = fromLine; i < lines.length; i++) {
        const m = pattern.exec(lines[i]);
        if (m) return { line: i, character: m[1].length, value: m[2] };
    }
    throw new Error(`no \`${keyword}\` after line ${fromLine + 1}`);
}
