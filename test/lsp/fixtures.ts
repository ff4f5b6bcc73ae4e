/**
 * A small two-file plan with figures worked by hand (spec sections 3 to 8):
 * CSM: E = 160 − 40 = 120 h; hourly cost = 9,500 ÷ 120 = 79.1667.
 * QBR 3h every quarter = 1 h/account/month; Health 4h every month = 4 h; D[SMB][CSM] = 5 h.
 * Capacity = 120 ÷ 5 = 24 accounts/FTE. Demand = 30 × 5 = 150 h; required = 150 ÷ 120 = 1.25 FTE;
 * alice is the only CSM (1 FTE): utilization = load = 150 ÷ 120 = 125%.
 * Cost to serve = 5 × 79.1667 = 395.83 a month. Churn 6.4% a month: L = 15.625; CLV = 150 × 15.625 = 2,343.75.
 */
export const ROLES = `role CSM "Customer Success Manager" {
  hours 160h / month
  overhead 40h / month
  cost $9,500 / month
}
`;

export const PLAN = `import "./team/roles.cap"

model Acme "Acme CS plan" {
  currency USD
}

service QBR { role CSM  effort 3h every quarter }
service Health { role CSM  effort 4h every month }

tier SMB {
  accounts 30
  revenue $150 / month
  churn 6.4% / month
  services QBR, Health
}

agent alice { role CSM }
`;
